import type { SignedInUser } from '../../user/signed-in-user.js';
import { AuthorizeError, invalidRequest } from './authorize-error.js';
import type { AuthorizeParams } from './authorize-params.js';

/**
 * The internal marker this service adds to the sign-in return URL when it sends the user to sign
 * in again (prompt=login, or max_age exceeded): the time, in epoch seconds, the new sign-in must
 * not be older than, with a signature the client cannot make (sign-in-redirect.ts). A genuine one
 * also means "already sent to sign in once", so a sign-in that comes back stale ends in
 * login_required instead of a loop.
 */
export const AUTH_AFTER = 'auth_after';

/** What the request says about interaction and how recent the sign-in must be. */
export interface Freshness {
  /** prompt values (OIDC Core 3.1.2.1); unknown ones are kept but mean nothing. */
  prompts: ReadonlySet<string>;
  maxAge: number | undefined;
  /** The time of a genuine auth_after marker (verified by the caller); undefined otherwise. */
  authAfter: number | undefined;
  /** The auth_after parameter as sent, to verify: never trusted as it is. */
  marker?: string | undefined;
}

/**
 * prompt, max_age and the auth_after marker (unverified: see Freshness.marker). prompt=none with
 * any other value is an error (OIDC Core 3.1.2.1). consent and select_account ask for nothing this
 * service does (no consent screen; account choice is Easy Auth's), so they are accepted and
 * ignored, as are unknown values.
 */
export function checkFreshness(params: AuthorizeParams): Freshness {
  const prompts = new Set((params.get('prompt') ?? '').split(' ').filter((value) => value !== ''));
  if (prompts.has('none') && prompts.size > 1)
    throw invalidRequest('prompt=none cannot be combined with other prompt values');
  const maxAge = params.get('max_age');
  if (maxAge !== undefined && !/^\d{1,10}$/.test(maxAge))
    throw invalidRequest('max_age must be a whole number of seconds');
  return {
    prompts,
    maxAge: maxAge === undefined ? undefined : Number(maxAge),
    authAfter: undefined,
    marker: params.get(AUTH_AFTER),
  };
}

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
