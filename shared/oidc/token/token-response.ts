import type { HttpResponseInit } from '@azure/functions';
import type { SigningKey } from '../../certs/signing-key.js';
import { noStoreJson } from '../../http/no-store-json.js';
import { mintAccessToken, mintIdToken, type OidcTokenInput } from '../oidc-tokens.js';

/**
 * The token response (RFC 6749 5.1, OIDC Core 3.1.3.3): an access token, and an ID token with its
 * at_hash when the grant has openid, from the stored user (no browser session is needed). Never
 * cached.
 */
export async function tokenResponse(
  grant: Omit<OidcTokenInput, 'issuedAt'> & { refreshToken: string | undefined },
  key: SigningKey,
): Promise<HttpResponseInit> {
  // The token claims pick their fields from the input; the refresh token is never one of them.
  const input: OidcTokenInput = { ...grant, issuedAt: Math.floor(Date.now() / 1000) };
  const accessToken = await mintAccessToken(input, key);
  const body: Record<string, unknown> = {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: grant.lifetimeSeconds,
    scope: grant.scopes.join(' '),
  };
  if (grant.scopes.includes('openid')) body.id_token = await mintIdToken(input, key, accessToken);
  if (grant.refreshToken !== undefined) body.refresh_token = grant.refreshToken;
  return noStoreJson(body);
}
