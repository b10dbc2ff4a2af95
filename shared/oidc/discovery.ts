import { SUPPORTED_SCOPES } from './scopes.js';

/**
 * OpenID Connect Discovery 1.0 metadata of the site's routes under its issuer
 * (`<PUBLIC_BASE_URL>/<site>`): the code flow with PKCE (public clients) and the implicit flow.
 * RS256 is always listed (Discovery 3 requires it); the signing algorithms of the keys the site
 * publishes come first, so a rotation to an EC key shows ES256 before the key signs.
 */
export function discoveryDocument(issuer: string, keyAlgorithms: readonly string[]): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth2/v1/auth`,
    token_endpoint: `${issuer}/oauth2/v1/token`,
    userinfo_endpoint: `${issuer}/oauth2/v1/userinfo`,
    jwks_uri: `${issuer}/oauth2/v1/keys`,
    introspection_endpoint: `${issuer}/oauth2/v1/verify`,
    revocation_endpoint: `${issuer}/oauth2/v1/revoke`,
    end_session_endpoint: `${issuer}/oauth2/v1/logout`,
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
    // The claims our ID tokens, access tokens and userinfo answers can carry.
    claims_supported: [
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
    ],
    claim_types_supported: ['normal'],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    require_request_uri_registration: false,
    // RFC 9207: every authorization response, success or error, carries `iss`.
    authorization_response_iss_parameter_supported: true,
  };
}
