import { app } from '@azure/functions';
import { endpoint } from '../shared/http/endpoint.js';
import { noStoreJson } from '../shared/http/no-store-json.js';
import { clientOfAccessToken } from '../shared/oidc/cors-client.js';
import {
  checkClientIdSent,
  introspectionBody,
  readIntrospectionRequest,
} from '../shared/oidc/introspection.js';
import { ANY_CLIENT, siteCors } from '../shared/oidc/site-cors.js';
import { siteFromRoute } from '../shared/oidc/site-from-route.js';
import { siteValidationContext } from '../shared/oidc/site-validation.js';
import { checkUserinfoAccess, presentedAccessToken, userinfoClaims } from '../shared/oidc/userinfo.js';
import { validateToken } from '../shared/oidc/validate-token.js';

const METHODS = ['GET', 'POST'] as const;

/**
 * Token introspection (RFC 7662) for APIs that would rather not validate tokens themselves: the
 * site's ID tokens, access tokens and Power Pages tokens. A token that is not good for this site
 * is `{"active":false}`, never an error; only a malformed request is (no token: PortalSTS0017).
 * Served whether or not the flow is on, like the public key, so tokens in flight still verify.
 */
export const verifyHandler = siteCors(
  endpoint(async ({ request, invocation, services }) => {
    const site = await siteFromRoute(services, request.params.site);
    const { token, clientId } = await readIntrospectionRequest(request);
    checkClientIdSent(site, clientId);
    const context = await siteValidationContext(services, request, site, {
      audience: clientId,
      warn: (message) => invocation.warn(message),
    });
    const validation = await validateToken(token, context);
    if (!validation.active) invocation.log(`verify: token not active (${validation.reason})`);
    return noStoreJson(introspectionBody(validation));
  }),
  METHODS,
  // The answer describes only the token the caller sent (no cookie is read): nothing another
  // client's page does not already hold, so every origin of the site may read it.
  async () => ANY_CLIENT,
);

/**
 * OIDC Core 5.3 UserInfo: a valid access token of this site (at+jwt, scope openid) gives the
 * user's claims; anything else is an RFC 6750 Bearer challenge.
 */
export const userinfoHandler = siteCors(
  endpoint(async ({ request, invocation, services, user }) => {
    const site = await siteFromRoute(services, request.params.site);
    const token = await presentedAccessToken(request);
    const context = await siteValidationContext(services, request, site, {
      warn: (message) => invocation.warn(message),
    });
    const validation = await validateToken(token, context);
    if (!validation.active) invocation.log(`userinfo: token not active (${validation.reason})`);
    return noStoreJson(userinfoClaims(checkUserinfoAccess(validation), user));
  }),
  METHODS,
  // The answer adds the signed-in user's profile from the session cookie: readable only by the
  // pages of the client the access token was issued to (and the site's allow-list).
  clientOfAccessToken,
);

app.http('oidc-verify', {
  route: '{site}/oauth2/v1/verify',
  methods: [...METHODS, 'OPTIONS'],
  authLevel: 'anonymous',
  handler: verifyHandler,
});

app.http('oidc-userinfo', {
  route: '{site}/oauth2/v1/userinfo',
  methods: [...METHODS, 'OPTIONS'],
  authLevel: 'anonymous',
  handler: userinfoHandler,
});
