import { OAuthError } from '../../errors/oauth-error.js';
import { GrantStoreUnavailableError, InvalidGrantError } from '../../grants/grant-errors.js';

/** Seconds a client waits before retrying while Table storage is down. */
export const GRANT_STORE_RETRY_AFTER_SECONDS = 5;

/**
 * The OAuth error of a store failure: every refused code or refresh token is the same
 * invalid_grant (the reason only in the log), a store fault is 503 temporarily_unavailable with
 * Retry-After. Anything else is rethrown as it is.
 */
export function asGrantError(thrown: unknown): unknown {
  if (thrown instanceof InvalidGrantError)
    return new OAuthError('invalid_grant', 'the code or refresh token is invalid, expired, revoked or used', {
      detail: `invalid_grant reason=${thrown.reason}`,
    });
  if (thrown instanceof GrantStoreUnavailableError)
    return new OAuthError('temporarily_unavailable', 'the token store is unavailable; try again later', {
      headers: { 'Retry-After': String(GRANT_STORE_RETRY_AFTER_SECONDS) },
      detail: thrown.message,
      cause: thrown.cause,
    });
  return thrown;
}
