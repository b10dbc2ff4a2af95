import type { HttpRequest } from '@azure/functions';
import { StsError } from '../../errors/sts-error.js';
import { isGrantStoreUnavailable } from '../../grants/grant-errors.js';
import type { Services } from '../../services.js';
import { GRANT_STORE_RETRY_AFTER_SECONDS } from '../token/grant-failure.js';

/** The longest continuation path handed to Easy Auth (as the sign-in return URL's limit). */
export const MAX_CONTINUATION_PATH = 4096;

/**
 * Easy Auth's sign-out, coming back to `returnTo` (a path on this host) or, without one, to
 * Easy Auth's own "signed out" page. Relative: Easy Auth runs on the same host as the function,
 * and it accepts no other host unless listed in its allowed external redirect URLs.
 */
export function easyAuthLogoutUrl(returnTo: string | undefined): string {
  return returnTo === undefined
    ? '/.auth/logout'
    : `/.auth/logout?post_logout_redirect_uri=${encodeURIComponent(returnTo)}`;
}

/** The complete step's path and query on this host: the logout route's path plus `/complete`. */
export function continuationPath(request: HttpRequest, continuation: string): string {
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
export async function revokeUsersAtClient(
  services: Services,
  siteId: string,
  clientId: string,
  userIds: ReadonlySet<string>,
): Promise<void> {
  try {
    for (const userId of userIds) await services.refreshTokens.revokeForUser(siteId, userId, clientId);
  } catch (thrown) {
    if (!isGrantStoreUnavailable(thrown)) throw thrown;
    throw new StsError('PortalSTS0010', {
      headers: { 'Retry-After': String(GRANT_STORE_RETRY_AFTER_SECONDS) },
      detail: 'revoking refresh tokens at sign-out failed',
      cause: thrown.cause,
    });
  }
}
