import type { ServerResponse } from 'node:http';
import { isValidAccessToken } from './access-token.js';
import { sendError } from './http-json.js';

/** The resource a Key Vault challenge names; the SDK checks the vault host ends with `.vault.localhost`. */
export const VAULT_RESOURCE = 'https://vault.localhost';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** Where unauthenticated requests (each client's first call, answered with the challenge) are counted. */
export const CHALLENGE_ROUTE = '401 challenge';

/** True when the Authorization header carries a bearer token the identity endpoint issued for the vault. */
export function isAuthorized(tokenKey: string, authorization: string | undefined): boolean {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (!token) return false;
  return isValidAccessToken(tokenKey, token, VAULT_RESOURCE);
}

/**
 * The 401 the service answers a call without a valid token: the SDK reads the tenant and resource
 * from WWW-Authenticate, fetches a token for them and retries the call.
 */
export function sendChallenge(response: ServerResponse): void {
  const challenge = `Bearer authorization="https://login.microsoftonline.com/${TENANT}", resource="${VAULT_RESOURCE}"`;
  sendError(response, 401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.', {
    'www-authenticate': challenge,
  });
}
