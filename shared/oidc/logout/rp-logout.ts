import type { HttpResponseInit } from '@azure/functions';
import { StsError } from '../../errors/sts-error.js';
import { publicBaseUrl } from '../../http/public-base-url.js';
import { readRequestParams } from '../../http/request-params.js';
import { siteKeys } from '../../keys/site-keys.js';
import { browserRedirect, withQuery } from '../authorize/authorization-response.js';
import type { AuthorizeContext } from '../authorize/authorize-endpoint.js';
import { oidcIssuer } from '../issuer.js';
import { siteFromRoute } from '../site-from-route.js';
import { signContinuation, verifyContinuation } from './continuation.js';
import { continuationPath, easyAuthLogoutUrl, revokeUsersAtClient } from './end-session.js';
import { verifyIdTokenHint } from './id-token-hint.js';
import { checkLogoutRequest, LOGOUT_PARAMETERS } from './logout-request.js';

async function siteContext({ request, services, invocation }: AuthorizeContext) {
  const site = await siteFromRoute(services, request.params.site);
  const issuer = oidcIssuer(publicBaseUrl(services.config, request), site.siteId);
  const keys = await siteKeys(services, site, new Date(), (message) => invocation.warn(message));
  return { site, issuer, keys };
}

/**
 * `GET|POST /{site}/oauth2/v1/logout` (OpenID Connect RP-Initiated Logout 1.0). Everything is
 * checked before anything is done: the hint (shared/oidc/logout/id-token-hint.ts), the client and
 * the post_logout_redirect_uri (logout-request.ts); any failure is a page and nothing is signed
 * out. Then the user's refresh tokens at the client end (the Easy Auth user's, and the hint's
 * subject's: the hint shows the application held that user's tokens), and the browser goes to
 * Easy Auth's /.auth/logout, which comes back to the complete step with a signed continuation.
 * Without a hint the sign-out is still done: /.auth/logout itself signs out on any GET.
 */
export async function rpLogout(ctx: AuthorizeContext): Promise<HttpResponseInit> {
  const { request, services, user, progress } = ctx;
  const params = await readRequestParams(request, LOGOUT_PARAMETERS);
  progress.uiLocales = params.get('ui_locales');
  const { site, issuer, keys } = await siteContext(ctx);
  const hintText = params.get('id_token_hint');
  const hint = hintText === undefined ? undefined : await verifyIdTokenHint(hintText, keys.published, issuer);
  const target = checkLogoutRequest(params, site, hint);

  if (target.clientId !== undefined) {
    const users = new Set([user?.id, hint?.sub].filter((id): id is string => id !== undefined));
    await revokeUsersAtClient(services, site.siteId, target.clientId, users);
  }
  let returnTo: string | undefined;
  if (target.clientId !== undefined && target.redirectUri !== undefined) {
    const continuation = await signContinuation(
      { clientId: target.clientId, redirectUri: target.redirectUri, state: target.state },
      issuer,
      keys.active,
    );
    returnTo = continuationPath(request, continuation);
  }
  return browserRedirect(request.method, easyAuthLogoutUrl(returnTo));
}

/**
 * `GET /{site}/oauth2/v1/logout/complete?continuation=...`: where Easy Auth sends the browser
 * after its sign-out. Only a continuation this site signed in the last 10 minutes is followed,
 * and only to a URI still registered for its client; anything else is a page (PortalSTS0017, or
 * PortalSTS0023 for a registration removed meanwhile), never a redirect.
 */
export async function completeLogout(ctx: AuthorizeContext): Promise<HttpResponseInit> {
  const { request } = ctx;
  const params = await readRequestParams(request, ['continuation']);
  const { site, issuer, keys } = await siteContext(ctx);
  const token = params.get('continuation');
  const continuation =
    token === undefined ? undefined : await verifyContinuation(token, keys.published, issuer);
  if (!continuation)
    throw new StsError('PortalSTS0017', { detail: 'sign-out continuation missing or not valid' });
  if (!site.postLogoutRedirectUris(continuation.clientId).includes(continuation.redirectUri))
    throw new StsError('PortalSTS0023', {
      detail: `post_logout_redirect_uri of client '${continuation.clientId}' no longer registered`,
    });
  const { redirectUri, state } = continuation;
  // The client's state is added to the query of its post_logout_redirect_uri, as registered otherwise.
  const location =
    state === undefined ? redirectUri : withQuery(redirectUri, `state=${encodeURIComponent(state)}`);
  return browserRedirect(request.method, location);
}
