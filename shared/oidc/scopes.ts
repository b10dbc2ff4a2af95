import type { SignedInUser } from '../user/signed-in-user.js';

/**
 * The scopes this provider knows; others are ignored (OAuth allows granting fewer than asked).
 * offline_access (a refresh token) is granted only with a code, to a client allowed refresh
 * tokens: shared/oidc/authorize/request-checks.ts.
 */
export const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'phone', 'offline_access'] as const;

export function isSupportedScope(scope: string): boolean {
  return (SUPPORTED_SCOPES as readonly string[]).includes(scope);
}

export function parseScope(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(' ').filter((scope) => scope.length > 0))];
}

/** The granted scopes: the requested ones this provider supports, in a stable order. */
export function grantedScopes(requested: readonly string[]): string[] {
  return SUPPORTED_SCOPES.filter((scope) => requested.includes(scope));
}

/** The user's claims that the granted scopes release (OIDC Core 5.4); empty values are left out. */
export function scopedClaims(
  user: Omit<SignedInUser, 'claims'>,
  scopes: readonly string[],
): Record<string, string> {
  const claims: Record<string, string | undefined> = {};
  if (scopes.includes('profile')) {
    claims.name = [user.givenName, user.familyName].filter(Boolean).join(' ') || user.name;
    claims.given_name = user.givenName;
    claims.family_name = user.familyName;
    claims.preferred_username = user.name;
    claims.locale = user.locale;
  }
  if (scopes.includes('email')) claims.email = user.email;
  if (scopes.includes('phone')) claims.phone_number = user.phoneNumber;
  return Object.fromEntries(
    Object.entries(claims).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}
