import type { HttpResponseInit } from '@azure/functions';
import { publicBaseUrl } from '../../http/public-base-url.js';
import { isPowerPagesStateOrNonce } from '../../power-pages/token-request.js';
import { siteSigningKey } from '../../site-signing-key.js';
import { powerPagesClaims } from '../../token/power-pages-claims.js';
import { signToken } from '../../token/sign-token.js';
import { siteFromRoute } from '../site-from-route.js';
import { authorizationResponse } from './authorization-response.js';
import type { AuthorizeContext } from './authorize-endpoint.js';
import { AuthorizeError, invalidRequest } from './authorize-error.js';
import { AuthorizeParams } from './authorize-params.js';
import { checkClient, checkRedirectUri } from './check-client.js';
import { pageLanguage } from './page-language.js';
import { checkFlowEnabled, checkNoRepeats } from './request-checks.js';
import { signInRedirect } from './sign-in-redirect.js';

/** state or nonce by Power Pages' rules (shared/power-pages/token-request.ts), as on the token endpoint. */
function checkStateOrNonce(params: AuthorizeParams, name: 'state' | 'nonce'): string | undefined {
  const value = params.get(name);
  if (value !== undefined && !isPowerPagesStateOrNonce(value)) {
    const id = name === 'state' ? 'PortalSTS0003' : 'PortalSTS0004';
    throw invalidRequest('state and nonce must be at most 20 printable ASCII characters', id);
  }
  return value;
}

/** A state Power Pages' rules accept, to echo in error responses. */
function echoablePowerPagesState(params: AuthorizeParams): string | undefined {
  const state = params.single('state');
  return state !== undefined && isPowerPagesStateOrNonce(state) ? state : undefined;
}

/** Only `token` (Power Pages' one response type); omitting it means the same. */
function checkPowerPagesResponseType(params: AuthorizeParams): void {
  const responseType = params.get('response_type');
  if (responseType !== undefined && responseType !== 'token')
    throw new AuthorizeError('unsupported_response_type', 'response_type must be token');
}

/**
 * `GET /_services/auth/authorize`: Power Pages' older authorize endpoint, for the default site.
 * The same redirect URI rules as the OpenID Connect endpoint, then the Power Pages token in the
 * fragment: `redirect_uri#token=<jwt>&expires_in=<seconds>&state=<state>`.
 */
export async function powerPagesAuthorize(ctx: AuthorizeContext): Promise<HttpResponseInit> {
  const { request, services, user, progress } = ctx;
  const { config } = services;
  const site = await siteFromRoute(services, undefined);
  const params = await AuthorizeParams.read(request);
  const clientId = checkClient(params, site);
  const redirectUri = checkRedirectUri(params, site, clientId);
  progress.replyTo = {
    redirectUri,
    mode: 'fragment',
    state: echoablePowerPagesState(params),
    issuer: undefined,
  };

  // From here on every failure goes back to the client.
  checkNoRepeats(params);
  checkFlowEnabled(site);
  checkPowerPagesResponseType(params);
  const state = checkStateOrNonce(params, 'state');
  const nonce = checkStateOrNonce(params, 'nonce');
  const now = Math.floor(Date.now() / 1000);
  if (!user) return signInRedirect(request, params, config.auth.loginProvider);

  const key = await siteSigningKey(services, site);
  const claims = powerPagesClaims({
    user,
    siteId: site.siteId,
    issuerHost: publicBaseUrl(config, request).host,
    clientId,
    nonce,
    issuedAt: now,
    lifetimeSeconds: site.tokenLifetimeSeconds,
  });
  const token = await signToken(claims, key);
  const language = pageLanguage(user.locale, request.headers.get('accept-language'), undefined);
  return authorizationResponse(
    { ...progress.replyTo, state },
    [
      ['token', token],
      ['expires_in', String(site.tokenLifetimeSeconds)],
    ],
    { language, method: request.method },
  );
}
