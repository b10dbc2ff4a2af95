import { app } from '@azure/functions';
import { endpoint } from '../shared/http/endpoint.js';
import { publicBaseUrl } from '../shared/http/public-base-url.js';
import { readRequestParams } from '../shared/http/request-params.js';
import { signInChallenge } from '../shared/power-pages/sign-in-challenge.js';
import {
  checkFlowEnabled,
  checkTokenRequest,
  TOKEN_PARAMETERS,
} from '../shared/power-pages/token-request.js';
import { siteSigningKey } from '../shared/site-signing-key.js';
import { powerPagesClaims } from '../shared/token/power-pages-claims.js';
import { signToken } from '../shared/token/sign-token.js';

/**
 * Power Pages' token endpoint: the signed-in user's ID token for the browser app to send to an API.
 * Steps: the site exists and has the flow on, the parameters are valid, the user is signed in
 * (otherwise the sign-in challenge), then one signature with the site's key.
 */
export const tokenHandler = endpoint(async ({ request, services, user }) => {
  const { config } = services;
  const site = await services.sites.get(config.defaultSite);
  checkFlowEnabled(site);
  const params = await readRequestParams(request, TOKEN_PARAMETERS);
  const tokenRequest = checkTokenRequest(params, site);
  if (!user) return signInChallenge(request, config.auth.loginProvider);

  const key = await siteSigningKey(services, site);
  const issuedAt = Math.floor(Date.now() / 1000);
  const claims = powerPagesClaims({
    user,
    siteId: site.siteId,
    issuerHost: publicBaseUrl(config, request).host,
    clientId: tokenRequest.clientId,
    nonce: tokenRequest.nonce,
    issuedAt,
    lifetimeSeconds: site.tokenLifetimeSeconds,
  });
  const token = await signToken(claims, key);

  const headers: Record<string, string> = {
    'Content-Type': 'application/jwt',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    expires_in: String(site.tokenLifetimeSeconds),
  };
  if (tokenRequest.state !== undefined) headers.state = tokenRequest.state;
  return { status: 200, headers, body: token };
});

app.http('token', {
  route: '_services/auth/token',
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  handler: tokenHandler,
});
