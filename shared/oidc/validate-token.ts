import {
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  jwtVerify,
  type ProtectedHeaderParameters,
} from 'jose';
import type { SigningKey } from '../certs/signing-key.js';
import { ServiceError } from '../errors/service-error.js';
import { MAX_TOKEN_LIFETIME } from '../settings/site-settings.js';

/**
 * Validation of a token this service issued for one site, as small steps that each either pass
 * or name why the token is not active. Only the site's published keys, each with its own
 * algorithm, are trusted: the token's header chooses nothing but which of them to try.
 */

/**
 * Clock tolerance, seconds, both ways: a token is accepted until `exp + 5 s` (exclusive) and from
 * `nbf - 5 s` / `iat - 5 s`. Instances' clocks drift by a second or two; 0 would reject a token
 * another instance minted in the same second, and more would only stretch a token's life.
 */
export const CLOCK_TOLERANCE_SECONDS = 5;
/** Our tokens are 1-3 KB; anything much larger is not one of them and is not parsed. */
export const MAX_TOKEN_CHARS = 8 * 1024;

/** The algorithms our keys sign with; each key has exactly one of them. */
const SIGNING_ALGORITHMS = new Set(['RS256', 'ES256']);
const ACCESS_TOKEN_TYP = 'at+jwt';
const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** access_token: RFC 9068 `at+jwt`; id_token: a JWT with the site's URL issuer; power_pages: host issuer. */
export type TokenKind = 'access_token' | 'id_token' | 'power_pages';

export type InactiveReason =
  | 'oversized'
  | 'malformed'
  | 'unsupported-alg'
  | 'unsupported-typ'
  | 'unknown-key'
  | 'alg-mismatch'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'invalid-claims'
  | 'wrong-issuer'
  | 'wrong-audience';

export type TokenValidation =
  | { active: true; kind: TokenKind; claims: JWTPayload; kid: string }
  | { active: false; reason: InactiveReason };

export interface ValidationContext {
  siteId: string;
  /** The site's OpenID Connect issuer, `oidcIssuer(base, siteId)`. */
  issuer: string;
  /** Power Pages' issuer: the host of the public base URL. */
  powerPagesIssuer: string;
  /** The site's published keys (active, upcoming, previous in grace). */
  keys: readonly SigningKey[];
  now: Date;
  /** When set, the token must be for this client (aud, client_id or appid). */
  audience?: string | undefined;
}

/** Ends validation early; validateToken turns it into `{active: false, reason}`. */
class Inactive extends ServiceError {
  constructor(readonly reason: InactiveReason) {
    super('token_inactive', reason);
  }
}

/**
 * The header of a compact JWS of a size ours can have. alg none, HMAC and every algorithm our keys
 * do not use end here; typ is JWT or at+jwt.
 */
export function checkedHeader(token: string): ProtectedHeaderParameters {
  if (token.length > MAX_TOKEN_CHARS) throw new Inactive('oversized');
  if (!JWS_COMPACT.test(token)) throw new Inactive('malformed');
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new Inactive('malformed');
  }
  if (typeof header.alg !== 'string' || !SIGNING_ALGORITHMS.has(header.alg)) {
    throw new Inactive('unsupported-alg');
  }
  const typ = normalizeTyp(header.typ);
  if (typ !== 'jwt' && typ !== ACCESS_TOKEN_TYP) throw new Inactive('unsupported-typ');
  return header;
}

/** `application/at+jwt` and `at+jwt` are the same type (RFC 7515 4.1.9); case-insensitive. */
function normalizeTyp(typ: unknown): string | undefined {
  if (typeof typ !== 'string') return undefined;
  return typ.toLowerCase().replace(/^application\//, '');
}

/** The published key named by `kid`; its algorithm must be the header's (no RS256 header on an EC key). */
export function findKey(header: ProtectedHeaderParameters, keys: readonly SigningKey[]): SigningKey {
  const key = keys.find((candidate) => candidate.kid === header.kid);
  if (!key) throw new Inactive('unknown-key');
  if (key.alg !== header.alg) throw new Inactive('alg-mismatch');
  return key;
}

/** Signature with the key's one algorithm, then exp / nbf / iat against `now` with the tolerance. */
export async function verifySignatureAndTime(token: string, key: SigningKey, now: Date): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, key.publicKey, {
      algorithms: [key.alg],
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      // Checks iat is not in the future, and bounds a token's age by the longest lifetime we issue.
      maxTokenAge: MAX_TOKEN_LIFETIME,
      requiredClaims: ['iss', 'sub', 'exp', 'iat'],
    });
    return payload;
  } catch (error) {
    throw new Inactive(reasonOf(error));
  }
}

function reasonOf(error: unknown): InactiveReason {
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    const early = (error.claim === 'nbf' || error.claim === 'iat') && error.reason === 'check_failed';
    return early ? 'not-yet-valid' : 'invalid-claims';
  }
  if (error instanceof errors.JWTInvalid) return 'invalid-claims';
  return 'malformed';
}

/**
 * Whose token it is. The site's URL issuer: an access token (at+jwt) or an ID token (any `scp` must
 * be the site). The host issuer: a Power Pages token, whose `scp` is the site id. Access tokens
 * only ever carry the URL issuer. Anything else (another site's token) is not active here.
 */
export function classify(
  header: ProtectedHeaderParameters,
  claims: JWTPayload,
  context: ValidationContext,
): TokenKind {
  const accessToken = normalizeTyp(header.typ) === ACCESS_TOKEN_TYP;
  if (claims.iss === context.issuer) {
    if (accessToken) return 'access_token';
    if (claims.scp === undefined || claims.scp === context.siteId) return 'id_token';
  } else if (claims.iss === context.powerPagesIssuer && !accessToken && claims.scp === context.siteId) {
    return 'power_pages';
  }
  throw new Inactive('wrong-issuer');
}

/** With an expected client: `aud` (string or list), or the `client_id` / `appid` claim, names it. */
export function checkAudience(claims: JWTPayload, audience: string | undefined): void {
  if (audience === undefined) return;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (audiences.includes(audience) || claims.client_id === audience || claims.appid === audience) return;
  throw new Inactive('wrong-audience');
}

/** Runs the steps in order; never throws for a bad token, only says why it is not active. */
export async function validateToken(token: string, context: ValidationContext): Promise<TokenValidation> {
  try {
    const header = checkedHeader(token);
    const key = findKey(header, context.keys);
    const claims = await verifySignatureAndTime(token, key, context.now);
    const kind = classify(header, claims, context);
    checkAudience(claims, context.audience);
    return { active: true, kind, claims, kid: key.kid };
  } catch (error) {
    if (error instanceof Inactive) return { active: false, reason: error.reason };
    throw error;
  }
}
