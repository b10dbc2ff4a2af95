import { app } from '@azure/functions';
import { asOAuthFailure } from '../shared/errors/oauth-error.js';
import { endpoint } from '../shared/http/endpoint.js';
import { readRevocationRequest } from '../shared/oidc/revoke/revocation-request.js';
import { siteCors } from '../shared/oidc/site-cors.js';
import { siteFromRoute } from '../shared/oidc/site-from-route.js';
import { asGrantError } from '../shared/oidc/token/grant-failure.js';

const METHODS = ['POST'] as const;

/**
 * Token revocation (RFC 7009) for a site's public clients. Served whether or not the flow is on:
 * ending a grant is always allowed. CORS as the token endpoint: the site's app origins may read it.
 *
 * RFC 7009 2.1-2.2: ends the refresh token family the token belongs to, when the token is the
 * requesting client's. Everything else is answered 200 with nothing done, as the RFC requires
 * (no probing of which tokens exist): an unknown, malformed or already revoked token, another
 * client's token, and access and ID tokens, which are self-contained JWTs that stay valid until
 * they expire (at most ImplicitGrantFlow/TokenExpirationTime). A store fault is 503 with
 * Retry-After (RFC 7009 2.2.1), and the client may retry.
 */
export const revokeHandler = siteCors(
  endpoint(
    async ({ request, services }) => {
      try {
        const site = await siteFromRoute(services, request.params.site);
        const { token, clientId } = await readRevocationRequest(request, site);
        await services.refreshTokens.revokeToken(token, clientId);
        return { status: 200, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } };
      } catch (thrown) {
        throw asOAuthFailure(asGrantError(thrown));
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
