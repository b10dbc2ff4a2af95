import type { SigningKey } from '../../certs/signing-key.js';
import type { CodeGrant } from '../../grants/authorization-codes.js';
import { GrantStoreUnavailableError } from '../../grants/grant-errors.js';
import { toStoredUser } from '../../grants/stored-grant.js';
import type { Services } from '../../services.js';
import type { SignedInUser } from '../../user/signed-in-user.js';
import { mintAccessToken, mintIdToken, type OidcTokenInput } from '../oidc-tokens.js';
import { GRANT_STORE_RETRY_AFTER_SECONDS } from '../token/grant-failure.js';
import type { ResponseFields } from './authorization-response.js';
import { AuthorizeError } from './authorize-error.js';
import type { ResponseType } from './response-type.js';

/**
 * The response parameters of a successful implicit grant (OIDC Core 3.2.2.5, RFC 6749 4.2.2):
 * the access token first, so the ID token can carry its at_hash (OIDC Core 3.2.2.10).
 */
export async function mintImplicitResponse(
  grant: Omit<OidcTokenInput, 'issuedAt'> & { responseType: ResponseType },
  key: SigningKey,
): Promise<ResponseFields> {
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

/**
 * The authorization response of a code request (RFC 6749 4.1.2): one write to the code table. When
 * Table storage is down the client gets temporarily_unavailable at its redirect URI (OIDC Core
 * 3.1.2.6) and nothing is stored.
 */
export async function issueCodeResponse(
  services: Services,
  grant: Omit<CodeGrant, 'user'> & { user: SignedInUser },
): Promise<ResponseFields> {
  try {
    const code = await services.codes.issue({ ...grant, user: toStoredUser(grant.user) });
    return [['code', code]];
  } catch (thrown) {
    if (!(thrown instanceof GrantStoreUnavailableError)) throw thrown;
    throw new AuthorizeError('temporarily_unavailable', 'the code store is unavailable; try again later', {
      status: 503,
      headers: { 'Retry-After': String(GRANT_STORE_RETRY_AFTER_SECONDS) },
      detail: 'storing the authorization code failed',
      cause: thrown.cause,
    });
  }
}
