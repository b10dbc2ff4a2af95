import { CLAIM_TYPES } from './claim-types.js';
import { type ClientPrincipal, distrustReason, type PrincipalTrust } from './principal-trust.js';

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

/** The principal header's claims are capped: a real principal is a few KB. */
const MAX_PRINCIPAL_HEADER = 32 * 1024;

/** The X-MS-CLIENT-PRINCIPAL blob: undefined when absent, 'unreadable' when it is not one. */
function parsePrincipal(encoded: string | null): ClientPrincipal | 'unreadable' | undefined {
  if (!encoded?.trim()) return undefined;
  if (encoded.length > MAX_PRINCIPAL_HEADER) return 'unreadable';
  let principal: { claims?: unknown; auth_typ?: unknown; name_typ?: unknown };
  try {
    principal = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) ?? {};
  } catch {
    return 'unreadable';
  }
  if (typeof principal !== 'object' || !Array.isArray(principal.claims)) return 'unreadable';
  const claims = new Map<string, string[]>();
  for (const claim of principal.claims as unknown[]) {
    const { typ, val } = (claim ?? {}) as { typ?: unknown; val?: unknown };
    if (typeof typ !== 'string' || typeof val !== 'string') continue;
    const values = claims.get(typ) ?? [];
    values.push(val);
    claims.set(typ, values);
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return { authType: text(principal.auth_typ), nameType: text(principal.name_typ), claims };
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
 * The headers are trusted only when WEBSITE_AUTH_ENABLED=True (then the platform sets them and
 * strips any a client sent; otherwise anyone could claim to be anyone), and only for a principal
 * that `distrustReason` accepts. A refused principal is anonymous, and `warn` says why (no values).
 */
export function readSignedInUser(
  headers: Pick<Headers, 'get'>,
  trust: PrincipalTrust,
  warn?: (line: string) => void,
): SignedInUser | undefined {
  if (!trust.trustPrincipalHeaders) return undefined;
  const id = headers.get('x-ms-client-principal-id')?.trim();
  if (!id) return undefined;
  const name = headers.get('x-ms-client-principal-name')?.trim() ?? '';
  const identityProvider = headers.get('x-ms-client-principal-idp')?.trim() ?? '';
  const principal = parsePrincipal(headers.get('x-ms-client-principal'));
  const reason = distrustReason({ id, name, idp: identityProvider }, principal, trust);
  if (reason) {
    warn?.(`Easy Auth principal treated as anonymous: ${reason}`);
    return undefined;
  }
  const claims = principal && principal !== 'unreadable' ? principal.claims : new Map<string, string[]>();
  const authTime = Number(first(claims, CLAIM_TYPES.authTime));
  return {
    id,
    name: name || first(claims, CLAIM_TYPES.name) || '',
    identityProvider,
    email: first(claims, CLAIM_TYPES.email) ?? '',
    givenName: first(claims, CLAIM_TYPES.givenName) ?? '',
    familyName: first(claims, CLAIM_TYPES.familyName) ?? '',
    phoneNumber: first(claims, CLAIM_TYPES.phoneNumber) ?? '',
    locale: first(claims, CLAIM_TYPES.locale),
    authTime: Number.isSafeInteger(authTime) && authTime > 0 ? authTime : undefined,
    claims,
  };
}
