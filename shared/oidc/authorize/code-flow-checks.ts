import type { SiteSettings } from '../../settings/site-settings.js';
import { invalidRequest } from './authorize-error.js';
import type { AuthorizeParams } from './authorize-params.js';
import type { ResponseType } from './response-type.js';

/** RFC 7636 4.2: base64url of a SHA-256 is 43 characters; the unreserved set, 43 to 128 of them. */
const CODE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * PKCE (RFC 7636), required of every client that asks for a code (RFC 9700 2.1.1): a
 * code_challenge with code_challenge_method S256. A missing method would mean `plain` (RFC 7636
 * 4.3), which protects nothing once the request is seen, so it is refused like `plain` itself.
 */
export function checkCodeChallenge(params: AuthorizeParams, responseType: ResponseType): string | undefined {
  if (!responseType.code) return undefined;
  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method');
  if (challenge === undefined) throw invalidRequest('code_challenge is required (PKCE with S256)');
  if (method !== 'S256') throw invalidRequest('code_challenge_method must be S256');
  if (!CODE_CHALLENGE.test(challenge))
    throw invalidRequest('code_challenge must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~');
  return challenge;
}

/**
 * offline_access is kept only for a code request of a client the site allows refresh tokens
 * (`ImplicitGrantFlow/{ClientId}/AllowRefreshTokens`); OIDC Core 11 says to ignore it otherwise.
 * The registration is the consent, so prompt=consent is not needed.
 */
export function grantOfflineAccess(
  scopes: readonly string[],
  responseType: ResponseType,
  site: SiteSettings,
  clientId: string,
): string[] {
  const allowed = responseType.code && site.allowsRefreshTokens(clientId);
  return allowed ? [...scopes] : scopes.filter((scope) => scope !== 'offline_access');
}
