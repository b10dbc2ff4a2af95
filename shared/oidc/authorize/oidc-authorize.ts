import type { HttpResponseInit } from '@azure/functions';
import { publicBaseUrl } from '../../http/public-base-url.js';
import { siteSigningKey } from '../../site-signing-key.js';
import { oidcIssuer } from '../issuer.js';
import { siteFromRoute } from '../site-from-route.js';
import { authorizationResponse } from './authorization-response.js';
import type { AuthorizeContext } from './authorize-endpoint.js';
import { AuthorizeParams } from './authorize-params.js';
import { checkClient, checkRedirectUri } from './check-client.js';
import { issueCodeResponse, mintImplicitResponse } from './grant-response.js';
import { pageLanguage } from './page-language.js';
import {
  checkCodeChallenge,
  checkFlowEnabled,
  checkNonce,
  checkNoRepeats,
  checkNoRequestObject,
  checkScope,
  checkState,
  echoableState,
} from './request-checks.js';
import { checkResponseMode, checkResponseType, errorDeliveryMode } from './response-type.js';
import { checkFreshness, checkSession } from './session.js';
import { signInRedirect, signMarker, verifyMarker } from './sign-in-redirect.js';

/**
 * `GET|POST /{site}/oauth2/v1/auth`: the authorization code flow with PKCE (OIDC Core 3.1,
 * RFC 6749 4.1, RFC 7636), the OpenID Connect implicit flow (OIDC Core 3.2) and the OAuth 2.0
 * implicit grant (RFC 6749 4.2). The steps run in this order; each throws on failure,
 * and the failure renderer answers with a page until the redirect URI is verified, and at the
 * redirect URI after.
 */
export async function oidcAuthorize(ctx: AuthorizeContext): Promise<HttpResponseInit> {
  const { request, services, user, progress } = ctx;
  const site = await siteFromRoute(services, request.params.site);
  const params = await AuthorizeParams.read(request);
  progress.uiLocales = params.single('ui_locales');
  const clientId = checkClient(params, site);
  const redirectUri = checkRedirectUri(params, site, clientId);
  const issuer = oidcIssuer(publicBaseUrl(services.config, request), site.siteId);
  progress.replyTo = { redirectUri, mode: errorDeliveryMode(params), state: echoableState(params), issuer };

  // From here on every failure goes back to the client.
  checkNoRepeats(params);
  checkNoRequestObject(params);
  checkFlowEnabled(site);
  const responseType = checkResponseType(params);
  const mode = checkResponseMode(params, responseType);
  progress.replyTo = { ...progress.replyTo, mode };
  const state = checkState(params);
  const scopes = checkScope(params, responseType, site, clientId);
  const nonce = checkNonce(params, responseType);
  const codeChallenge = checkCodeChallenge(params, responseType);
  const freshness = checkFreshness(params);

  const now = Math.floor(Date.now() / 1000);
  const siteKey = () => siteSigningKey(services, site);
  const authAfter =
    freshness.marker === undefined
      ? undefined
      : verifyMarker(await siteKey(), request, params, freshness.marker, now);
  const session = checkSession(user, { ...freshness, authAfter }, now);
  if (session.kind === 'sign-in') {
    const marker = session.fresh ? await signMarker(await siteKey(), request, params, now) : undefined;
    return signInRedirect(request, params, services.config.auth.loginProvider, marker);
  }

  const grant = { user: session.user, authTime: session.authTime, clientId, nonce, scopes };
  const fields =
    codeChallenge === undefined
      ? await mintImplicitResponse(
          { ...grant, issuer, responseType, lifetimeSeconds: site.tokenLifetimeSeconds },
          await siteKey(),
        )
      : await issueCodeResponse(services, { ...grant, siteId: site.siteId, redirectUri, codeChallenge });
  const language = pageLanguage(user?.locale, request.headers.get('accept-language'), progress.uiLocales);
  return authorizationResponse({ ...progress.replyTo, state }, fields, { language, method: request.method });
}
