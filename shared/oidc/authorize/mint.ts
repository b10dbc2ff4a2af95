import type { SigningKey } from '../../certs/signing-key.js';
import type { SignedInUser } from '../../user/signed-in-user.js';
import { mintAccessToken, mintIdToken, type OidcTokenInput } from '../oidc-tokens.js';
import type { ResponseFields } from './authorization-response.js';
import type { ResponseType } from './response-type.js';

export interface ImplicitGrant {
  user: SignedInUser;
  authTime: number;
  issuer: string;
  clientId: string;
  responseType: ResponseType;
  scopes: readonly string[];
  nonce: string | undefined;
  lifetimeSeconds: number;
}

/**
 * The response parameters of a successful implicit grant (OIDC Core 3.2.2.5, RFC 6749 4.2.2):
 * the access token first, so the ID token can carry its at_hash (OIDC Core 3.2.2.10).
 */
export async function mintImplicitResponse(grant: ImplicitGrant, key: SigningKey): Promise<ResponseFields> {
  // The token claims pick their fields from the input; the grant's response type is not one.
  const input: OidcTokenInput = { ...grant, issuedAt: Math.floor(Date.now() / 1000) };
  const fields: Array<readonly [string, string]> = [];
  const accessToken = grant.responseType.token ? await mintAccessToken(input, key) : undefined;
  if (accessToken !== undefined) {
    fields.push(
      ['access_token', accessToken],
      ['token_type', 'Bearer'],
      ['expires_in', String(grant.lifetimeSeconds)],
    );
    if (grant.scopes.length > 0) fields.push(['scope', grant.scopes.join(' ')]);
  }
  if (grant.responseType.idToken) fields.push(['id_token', await mintIdToken(input, key, accessToken)]);
  return fields;
}
