import type { SignedInUser } from '../../user/signed-in-user.js';
import { AuthorizeError } from './authorize-error.js';
import type { Freshness } from './freshness.js';

/**
 * How much older than the request a "fresh" sign-in may be reported. Entra ID back-dates its
 * tokens' iat (the sign-in time when there is no auth_time claim) by 5 minutes, and the identity
 * provider's clock is not ours. The ID token still carries the true auth_time, so a client that
 * needs a stricter bound can check it.
 */
export const FRESH_SIGN_IN_TOLERANCE_SECONDS = 300;

export type SessionOutcome =
  | { kind: 'signed-in'; user: SignedInUser; authTime: number }
  /** Send the user to sign in; `fresh`: force a new sign-in and check it on return. */
  | { kind: 'sign-in'; fresh: boolean };

function signInNeeded(freshness: Freshness, fresh: boolean, why: string): SessionOutcome {
  // prompt=none: the client asked us never to interact (OIDC Core 3.1.2.6).
  if (freshness.prompts.has('none')) throw new AuthorizeError('login_required', why);
  return { kind: 'sign-in', fresh };
}

/**
 * Whether the Easy Auth user may have tokens now, or must sign in (again) first.
 *
 * - Signed out: sign in (fresh when prompt=login or max_age, so the return is checked).
 * - Back from a forced sign-in (auth_after): the sign-in must be at least that recent, else
 *   login_required: sending the user round again would loop when Easy Auth reuses its session.
 * - prompt=login, or the sign-in is older than max_age: sign in again.
 * - A user whose provider never said when they signed in cannot be given an ID token, which must
 *   state auth_time: access_denied, with a description saying why.
 */
export function checkSession(
  user: SignedInUser | undefined,
  freshness: Freshness,
  now: number,
): SessionOutcome {
  const forced = freshness.prompts.has('login') || freshness.maxAge !== undefined;
  if (!user) return signInNeeded(freshness, forced, 'the user is not signed in');
  const { authTime } = user;
  if (freshness.authAfter !== undefined) {
    if (authTime === undefined || authTime < freshness.authAfter - FRESH_SIGN_IN_TOLERANCE_SECONDS) {
      throw new AuthorizeError('login_required', 'the user did not sign in again as the request required', {
        detail: `auth_time ${authTime ?? 'unknown'} before auth_after ${freshness.authAfter}`,
      });
    }
    return { kind: 'signed-in', user, authTime };
  }
  if (freshness.prompts.has('login'))
    return signInNeeded(freshness, true, 'prompt=login needs a new sign-in');
  if (freshness.maxAge !== undefined && (authTime === undefined || now - authTime > freshness.maxAge))
    return signInNeeded(freshness, true, 'the last sign-in is older than max_age');
  if (authTime === undefined) {
    throw new AuthorizeError(
      'access_denied',
      'the identity provider did not report when the user signed in',
      {
        detail: `no auth_time or iat claim from provider '${user.identityProvider}'`,
      },
    );
  }
  return { kind: 'signed-in', user, authTime };
}
