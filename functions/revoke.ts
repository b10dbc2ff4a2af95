import { app } from '@azure/functions';
import { asOAuthFailure } from '../shared/errors/oauth-error.js';
import { endpoint } from '../shared/http/endpoint.js';
import { readRevocationRequest } from '../shared/oidc/revoke/revocation-request.js';
import { revokeToken } from '../shared/oidc/revoke/revoke-token.js';
import { siteCors } from '../shared/oidc/site-cors.js';
import { siteFromRoute } from '../shared/oidc/site-from-route.js';

const METHODS = ['POST'] as const;

/**
 * Token revocation (RFC 7009) for a site's public clients: a refresh token ends with its whole
 * family; anything else is 200 with nothing to do. Served whether or not the flow is on: ending
 * a grant is always allowed. CORS as the token endpoint: the site's app origins may read it.
 */
export const revokeHandler = siteCors(
  endpoint(
    async ({ request, services }) => {
      try {
        const site = await siteFromRoute(services, request.params.site);
        return await revokeToken(services, await readRevocationRequest(request, site));
      } catch (thrown) {
        throw asOAuthFailure(thrown);
      }
    },
    { unexpected: 'server_error' },
  ),
  METHODS,
);

app.http('oidc-revoke', {
  route: '{site}/oauth2/v1/revoke',
  methods: [...METHODS, 'OPTIONS'],
  authLevel: 'anonymous',
  handler: revokeHandler,
});
