import { OAuthError } from '../../errors/oauth-error.js';
import type { RequestParams } from '../../http/request-params.js';
import type { SiteSettings } from '../../settings/site-settings.js';
import { CLIENT_ID_PATTERN } from '../authorize/check-client.js';

/** The parameters of an OAuth token request (RFC 6749 4.1.3, 6; RFC 7636 4.5). */
export const GRANT_PARAMETERS = [
  'grant_type',
  'code',
  'redirect_uri',
  'client_id',
  'code_verifier',
  'refresh_token',
  'scope',
] as const;

export type GrantRequest =
  | {
      grantType: 'authorization_code';
      clientId: string;
      code: string;
      redirectUri: string;
      codeVerifier: string;
    }
  | { grantType: 'refresh_token'; clientId: string; refreshToken: string; scope: string | undefined };

export function required(params: RequestParams, name: string): string {
  const value = params.get(name);
  if (value === undefined) throw new OAuthError('invalid_request', `${name} is required`);
  return value;
}

/**
 * A public client (token_endpoint_auth_method none) names itself with client_id; an id the site
 * does not register is invalid_client (RFC 6749 5.2), answered 401. For token and revocation requests.
 */
export function checkClient(params: RequestParams, site: SiteSettings): string {
  const clientId = required(params, 'client_id');
  if (!CLIENT_ID_PATTERN.test(clientId) || !site.registeredClientIds.has(clientId))
    throw new OAuthError('invalid_client', 'client_id is not registered for this site', {
      detail: `client_id not registered for '${site.siteId}'`,
    });
  return clientId;
}

/** The parameters that carry a grant or its proof: never accepted in a URL, which reaches logs. */
const BODY_ONLY = ['code', 'code_verifier', 'refresh_token'] as const;

/** RFC 6749 3.2 and RFC 9700 4.3: a code, verifier or refresh token in the query string is refused. */
export function checkNoSecretsInQuery(query: URLSearchParams): void {
  const inQuery = BODY_ONLY.find((name) => query.has(name));
  if (inQuery)
    throw new OAuthError('invalid_request', `send ${inQuery} in the form body, not the query string`);
}

/**
 * Reads a token request with grant_type. Only POST (RFC 6749 3.2): a code or refresh token in a
 * URL would reach logs. The site's flow switch applies here as at the authorization endpoint.
 */
export function readGrantRequest(method: string, params: RequestParams, site: SiteSettings): GrantRequest {
  const grantType = params.get('grant_type');
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token')
    throw new OAuthError('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  if (method !== 'POST') throw new OAuthError('invalid_request', 'token requests must be POST');
  if (!site.flowEnabled)
    throw new OAuthError('unauthorized_client', 'the token service is turned off for this site', {
      detail: `flow disabled for site '${site.siteId}'`,
    });
  const clientId = checkClient(params, site);
  if (grantType === 'refresh_token')
    return {
      grantType,
      clientId,
      refreshToken: required(params, 'refresh_token'),
      scope: params.get('scope'),
    };
  return {
    grantType,
    clientId,
    code: required(params, 'code'),
    redirectUri: required(params, 'redirect_uri'),
    // A missing verifier fails PKCE like a wrong one: invalid_grant (RFC 7636 4.6).
    codeVerifier: params.get('code_verifier') ?? '',
  };
}
