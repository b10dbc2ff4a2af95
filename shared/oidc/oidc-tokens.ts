import { randomUUID } from 'node:crypto';
import type { SigningKey } from '../certs/signing-key.js';
import { signToken } from '../token/sign-token.js';
import type { SignedInUser } from '../user/signed-in-user.js';
import { atHash } from './at-hash.js';
import { scopedClaims } from './scopes.js';

export interface OidcTokenInput {
  /** The claims the tokens release; the raw principal claims are not needed (a stored user has none). */
  user: Omit<SignedInUser, 'claims'>;
  issuer: string;
  clientId: string;
  scopes: readonly string[];
  nonce: string | undefined;
  /** Seconds since the epoch of the user's sign-in. */
  authTime: number;
  issuedAt: number;
  lifetimeSeconds: number;
}

/** RFC 9068 access token: a JWT of type `at+jwt`, for the client's API and for userinfo. */
export function mintAccessToken(input: OidcTokenInput, key: SigningKey): Promise<string> {
  const claims = {
    iss: input.issuer,
    sub: input.user.id,
    aud: input.clientId,
    client_id: input.clientId,
    scope: input.scopes.join(' '),
    jti: randomUUID(),
    iat: input.issuedAt,
    exp: input.issuedAt + input.lifetimeSeconds,
    auth_time: input.authTime,
  };
  return signToken(claims, key, 'at+jwt');
}

/** OIDC Core 2 ID token, with at_hash when an access token goes with it (3.2.2.10). */
export function mintIdToken(input: OidcTokenInput, key: SigningKey, accessToken?: string): Promise<string> {
  const claims: Record<string, unknown> = {
    iss: input.issuer,
    sub: input.user.id,
    aud: input.clientId,
    exp: input.issuedAt + input.lifetimeSeconds,
    iat: input.issuedAt,
    auth_time: input.authTime,
    ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
    ...(accessToken === undefined ? {} : { at_hash: atHash(accessToken) }),
    ...scopedClaims(input.user, input.scopes),
  };
  return signToken(claims, key);
}
