import type { HttpRequest } from '@azure/functions';
import { OAuthError } from '../../errors/oauth-error.js';
import { readRequestParams } from '../../http/request-params.js';
import type { SiteSettings } from '../../settings/site-settings.js';
import { checkClient, required } from '../token/grant-request.js';

/** RFC 7009 2.1, with client_id for public clients (RFC 6749 2.3: they authenticate with none). */
export const REVOCATION_PARAMETERS = ['token', 'token_type_hint', 'client_id'] as const;

/**
 * Reads a revocation request. The token must be in the form body (a token in a URL reaches
 * logs). client_id is required: public clients cannot authenticate, so the client that names
 * itself is the one whose tokens may be revoked (RFC 7009 2.1), and openid-client and
 * oidc-client-ts always send it. token_type_hint is read (a repeated one is refused) and
 * otherwise ignored: a refresh token's shape says what it is (RFC 7009 2.1 lets the server
 * ignore the hint).
 */
export async function readRevocationRequest(
  request: HttpRequest,
  site: SiteSettings,
): Promise<{ token: string; clientId: string }> {
  if (request.query.has('token'))
    throw new OAuthError('invalid_request', 'send the token in the form body, not the query string');
  const params = await readRequestParams(request, REVOCATION_PARAMETERS);
  return { token: required(params, 'token'), clientId: checkClient(params, site) };
}
