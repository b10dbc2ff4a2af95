/**
 * The signed-in user of the dev Easy Auth emulation, and the shapes App Service Authentication
 * gives it: the X-MS-CLIENT-PRINCIPAL* request headers and the /.auth/me response.
 */
export interface DevPrincipal {
  userId: string;
  userDetails: string;
  email?: string;
  givenName?: string;
  familyName?: string;
  phoneNumber?: string;
  locale?: string;
  roles: string[];
  /** Epoch seconds of the sign-in (the `auth_time` claim). */
  authTime: number;
}

export interface PrincipalClaim {
  typ: string;
  val: string;
}

export const PROVIDER = 'dev';
export const NAME_CLAIM_TYPE = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
export const ROLE_CLAIM_TYPE = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
export const NAME_IDENTIFIER_CLAIM_TYPE =
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier';

/** Request headers App Service owns: clients may never send them, only the platform sets them. */
export function isPlatformIdentityHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('x-ms-client-principal') || lower.startsWith('x-ms-token-');
}

export function principalClaims(principal: DevPrincipal): PrincipalClaim[] {
  const claims: PrincipalClaim[] = [
    { typ: NAME_IDENTIFIER_CLAIM_TYPE, val: principal.userId },
    { typ: NAME_CLAIM_TYPE, val: principal.userDetails },
    { typ: 'preferred_username', val: principal.userDetails },
  ];
  const optional: [string, string | undefined][] = [
    ['email', principal.email],
    ['given_name', principal.givenName],
    ['family_name', principal.familyName],
    ['phone_number', principal.phoneNumber],
    ['locale', principal.locale],
  ];
  for (const [typ, val] of optional) if (val) claims.push({ typ, val });
  for (const role of principal.roles) claims.push({ typ: ROLE_CLAIM_TYPE, val: role });
  claims.push({ typ: 'auth_time', val: String(principal.authTime) });
  return claims;
}

/** Node reads raw header bytes as Latin-1; send UTF-8 bytes so handlers see what App Service sends. */
function asHeaderValue(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** Replaces any client-sent identity headers with the platform's own (none when signed out). */
export function applyClientPrincipal(headers: Headers, principal: DevPrincipal | undefined): void {
  for (const name of [...headers.keys()]) {
    if (isPlatformIdentityHeader(name)) headers.delete(name);
  }
  if (!principal) return;
  const payload = {
    auth_typ: PROVIDER,
    claims: principalClaims(principal),
    name_typ: NAME_CLAIM_TYPE,
    role_typ: ROLE_CLAIM_TYPE,
  };
  headers.set('X-MS-CLIENT-PRINCIPAL', Buffer.from(JSON.stringify(payload), 'utf8').toString('base64'));
  headers.set('X-MS-CLIENT-PRINCIPAL-ID', asHeaderValue(principal.userId));
  headers.set('X-MS-CLIENT-PRINCIPAL-NAME', asHeaderValue(principal.userDetails));
  headers.set('X-MS-CLIENT-PRINCIPAL-IDP', PROVIDER);
}

/**
 * The /.auth/me body. As on App Service, `user_id` is the user's name (what
 * X-MS-CLIENT-PRINCIPAL-NAME carries), not the object id.
 */
export function authMeBody(principal: DevPrincipal | undefined): unknown[] {
  if (!principal) return [];
  return [
    { provider_name: PROVIDER, user_id: principal.userDetails, user_claims: principalClaims(principal) },
  ];
}
