import { SUPPORTED_SCOPES } from './scopes.js';

/** The site's OpenID Connect routes, under its issuer (`<PUBLIC_BASE_URL>/<site>`). */
export const OIDC_PATHS = {
  authorization: 'oauth2/v1/auth',
  token: 'oauth2/v1/token',
  userinfo: 'oauth2/v1/userinfo',
  jwks: 'oauth2/v1/keys',
  introspection: 'oauth2/v1/verify',
  publicKey: 'oauth2/v1/publickey',
  revocation: 'oauth2/v1/revoke',
  endSession: 'oauth2/v1/logout',
} as const;

/** The claims our ID tokens, access tokens and userinfo answers can carry. */
export const CLAIMS_SUPPORTED = [
  'sub',
  'iss',
  'aud',
  'exp',
  'iat',
  'auth_time',
  'nonce',
  'at_hash',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'locale',
  'email',
  'phone_number',
] as const;

/**
 * OpenID Connect Discovery 1.0 metadata: the code flow with PKCE (public clients) and the implicit flow. RS256 is always listed
 * (Discovery 3 requires it); the signing algorithms of the keys the site publishes come first, so
 * a rotation to an EC key shows ES256 before the key signs.
 */
export function discoveryDocument(issuer: string, keyAlgorithms: readonly string[]): Record<string, unknown> {
  const at = (path: string) => `${issuer}/${path}`;
  return {
    issuer,
    authorization_endpoint: at(OIDC_PATHS.authorization),
    token_endpoint: at(OIDC_PATHS.token),
    userinfo_endpoint: at(OIDC_PATHS.userinfo),
    jwks_uri: at(OIDC_PATHS.jwks),
    introspection_endpoint: at(OIDC_PATHS.introspection),
    revocation_endpoint: at(OIDC_PATHS.revocation),
    end_session_endpoint: at(OIDC_PATHS.endSession),
    scopes_supported: [...SUPPORTED_SCOPES],
    response_types_supported: ['code', 'id_token', 'id_token token', 'token'],
    // query is for codes only; tokens are never put in a query string.
    response_modes_supported: ['query', 'fragment', 'form_post'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'implicit'],
    code_challenge_methods_supported: ['S256'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [...new Set([...keyAlgorithms, 'RS256'])],
    token_endpoint_auth_methods_supported: ['none'],
    introspection_endpoint_auth_methods_supported: ['none'],
    // Public clients name themselves with client_id (RFC 7009 2.1).
    revocation_endpoint_auth_methods_supported: ['none'],
    claims_supported: [...CLAIMS_SUPPORTED],
    claim_types_supported: ['normal'],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    require_request_uri_registration: false,
    // RFC 9207: every authorization response, success or error, carries `iss`.
    authorization_response_iss_parameter_supported: true,
  };
}
