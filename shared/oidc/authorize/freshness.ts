import { invalidRequest } from './authorize-error.js';
import type { AuthorizeParams } from './authorize-params.js';

/**
 * The internal marker this service adds to the sign-in return URL when it sends the user to sign
 * in again (prompt=login, or max_age exceeded): the time, in epoch seconds, the new sign-in must
 * not be older than, with an HMAC the client cannot compute (freshness-marker.ts). A genuine one
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

function seconds(params: AuthorizeParams, name: string, maxDigits: number): number | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  if (!new RegExp(`^\\d{1,${maxDigits}}$`).test(value))
    throw invalidRequest(`${name} must be a whole number of seconds`);
  return Number(value);
}

/**
 * prompt, max_age and the auth_after marker (unverified: see Freshness.marker). prompt=none with any other value is an error (OIDC
 * Core 3.1.2.1). consent and select_account ask for nothing this service does (no consent screen;
 * account choice is Easy Auth's), so they are accepted and ignored, as are unknown values.
 */
export function checkFreshness(params: AuthorizeParams): Freshness {
  const prompts = new Set((params.get('prompt') ?? '').split(' ').filter((value) => value !== ''));
  if (prompts.has('none') && prompts.size > 1)
    throw invalidRequest('prompt=none cannot be combined with other prompt values');
  return {
    prompts,
    maxAge: seconds(params, 'max_age', 10),
    authAfter: undefined,
    marker: params.get(AUTH_AFTER),
  };
}
