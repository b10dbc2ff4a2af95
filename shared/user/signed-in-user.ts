import { CLAIM_TYPES } from './claim-types.js';

/** The user App Service Authentication signed in, as the token endpoints need them. */
export interface SignedInUser {
  id: string;
  name: string;
  identityProvider: string;
  email: string;
  givenName: string;
  familyName: string;
  phoneNumber: string;
  locale: string | undefined;
  /** Seconds since the epoch of the sign-in, when the provider said. */
  authTime: number | undefined;
  claims: ReadonlyMap<string, readonly string[]>;
}

interface HeaderSource {
  get(name: string): string | null;
}

/** The principal header's claims are capped: a real principal is a few KB. */
const MAX_PRINCIPAL_HEADER = 32 * 1024;

function parsePrincipalClaims(encoded: string | null): Map<string, string[]> {
  const claims = new Map<string, string[]>();
  if (!encoded || encoded.length > MAX_PRINCIPAL_HEADER) return claims;
  try {
    const principal = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as { claims?: unknown };
    if (!Array.isArray(principal.claims)) return claims;
    for (const claim of principal.claims as unknown[]) {
      const { typ, val } = (claim ?? {}) as { typ?: unknown; val?: unknown };
      if (typeof typ !== 'string' || typeof val !== 'string') continue;
      const values = claims.get(typ) ?? [];
      values.push(val);
      claims.set(typ, values);
    }
  } catch {
    // A malformed principal carries no claims; the id and name headers still identify the user.
  }
  return claims;
}

function first(claims: ReadonlyMap<string, readonly string[]>, types: readonly string[]): string | undefined {
  for (const type of types) {
    const value = claims.get(type)?.[0];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/**
 * The signed-in user from Easy Auth's X-MS-CLIENT-PRINCIPAL* headers, or undefined when anonymous.
 * The headers are trusted only when `trustHeaders` (WEBSITE_AUTH_ENABLED=True): then the platform
 * sets them and strips any a client sent. Otherwise anyone could claim to be anyone.
 */
export function readSignedInUser(headers: HeaderSource, trustHeaders: boolean): SignedInUser | undefined {
  if (!trustHeaders) return undefined;
  const id = headers.get('x-ms-client-principal-id')?.trim();
  if (!id) return undefined;
  const claims = parsePrincipalClaims(headers.get('x-ms-client-principal'));
  const authTime = Number(first(claims, CLAIM_TYPES.authTime));
  return {
    id,
    name: headers.get('x-ms-client-principal-name')?.trim() || first(claims, CLAIM_TYPES.name) || '',
    identityProvider: headers.get('x-ms-client-principal-idp')?.trim() ?? '',
    email: first(claims, CLAIM_TYPES.email) ?? '',
    givenName: first(claims, CLAIM_TYPES.givenName) ?? '',
    familyName: first(claims, CLAIM_TYPES.familyName) ?? '',
    phoneNumber: first(claims, CLAIM_TYPES.phoneNumber) ?? '',
    locale: first(claims, CLAIM_TYPES.locale),
    authTime: Number.isSafeInteger(authTime) && authTime > 0 ? authTime : undefined,
    claims,
  };
}
