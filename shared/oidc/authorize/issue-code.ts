import { GrantStoreUnavailableError } from '../../grants/grant-errors.js';
import { toStoredUser } from '../../grants/stored-grant.js';
import type { Services } from '../../services.js';
import type { SignedInUser } from '../../user/signed-in-user.js';
import { GRANT_STORE_RETRY_AFTER_SECONDS } from '../token/grant-failure.js';
import type { ResponseFields } from './authorization-response.js';
import { AuthorizeError } from './authorize-error.js';

export interface CodeRequest {
  siteId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  user: SignedInUser;
  authTime: number;
  nonce: string | undefined;
  scopes: string[];
}

/**
 * The authorization response of a code request (RFC 6749 4.1.2): one write to the code table. When
 * Table storage is down the client gets temporarily_unavailable at its redirect URI (OIDC Core
 * 3.1.2.6) and nothing is stored.
 */
export async function issueCodeResponse(services: Services, request: CodeRequest): Promise<ResponseFields> {
  try {
    const code = await services.codes.issue({ ...request, user: toStoredUser(request.user) });
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
