import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { StsError } from '../../errors/sts-error.js';
import { GrantStoreUnavailableError } from '../../grants/grant-errors.js';
import { publicBaseUrl } from '../../http/public-base-url.js';
import { readRequestParams } from '../../http/request-params.js';
import { siteKeys } from '../../keys/site-keys.js';
import type { Services } from '../../services.js';
import { browserRedirect, withQuery } from '../authorize/authorization-response.js';
import type { AuthorizeContext } from '../authorize/authorize-endpoint.js';
import { oidcIssuer } from '../issuer.js';
import { siteFromRoute } from '../site-from-route.js';
import { GRANT_STORE_RETRY_AFTER_SECONDS } from '../token/grant-failure.js';
import { signContinuation, verifyContinuation } from './continuation.js';
import { verifyIdTokenHint } from './id-token-hint.js';
import { checkLogoutRequest, LOGOUT_PARAMETERS } from './logout-request.js';

/** The longest continuation path handed to Easy Auth (as the sign-in return URL's limit). */
const MAX_CONTINUATION_PATH = 4096;

/**
 * Easy Auth's sign-out, coming back to `returnTo` (a path on this host) or, without one, to
 * Easy Auth's own "signed out" page. Relative: Easy Auth runs on the same host as the function,
 * and it accepts no other host unless listed in its allowed external redirect URLs.
 */
function easyAuthLogoutUrl(returnTo: string | undefined): string {
  return returnTo === undefined
    ? '/.auth/logout'
    : `/.auth/logout?post_logout_redirect_uri=${encodeURIComponent(returnTo)}`;
}

/** The complete step's path and query on this host: the logout route's path plus `/complete`. */
function continuationPath(request: HttpRequest, continuation: string): string {
  const path = new URL(request.url).pathname.replace(/\/+$/, '');
  const returnTo = `${path}/complete?continuation=${continuation}`;
  if (returnTo.length > MAX_CONTINUATION_PATH)
    throw new StsError('PortalSTS0017', { detail: `sign-out continuation of ${returnTo.length} characters` });
  return returnTo;
}

/**
 * Ends the refresh token families of each user at the client. A store fault stops the sign-out
 * with a 503 page (PortalSTS0010: the grant tables live beside the settings table) rather than
 * telling the user they are out while their application's refresh tokens still work.
 */
async function revokeUsersAtClient(
  services: Services,
  siteId: string,
  clientId: string,
  userIds: ReadonlySet<string>,
): Promise<void> {
  try {
    for (const userId of userIds) await services.refreshTokens.revokeForUser(siteId, userId, clientId);
  } catch (thrown) {
    if (!(thrown instanceof GrantStoreUnavailableError)) throw thrown;
    throw new StsError('PortalSTS0010', {
      headers: { 'Retry-After': String(GRANT_STORE_RETRY_AFTER_SECONDS) },
      detail: 'revoking refresh tokens at sign-out failed',
      cause: thrown.cause,
    });
  }
}

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
  const returnTo = target.continuation
    ? continuationPath(request, await signContinuation(target.continuation, issuer, keys.active))
    : undefined;
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
