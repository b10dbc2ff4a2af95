import type { ResponseMode } from './authorization-response.js';
import { AuthorizeError, invalidRequest } from './authorize-error.js';
import type { AuthorizeParams } from './authorize-params.js';

/** What the client asked to receive: an authorization code, or an ID token, an access token, or both. */
export interface ResponseType {
  code: boolean;
  idToken: boolean;
  token: boolean;
}

const SUPPORTED_VALUES = new Set(['id_token', 'token']);
const CODE: ResponseType = { code: true, idToken: false, token: false };

function values(responseType: string): string[] {
  return responseType.split(' ').filter((value) => value !== '');
}

/**
 * `code` (OIDC Core 3.1, RFC 6749 4.1), or `id_token`, `id_token token` (OIDC Core 3.2) or `token`
 * (RFC 6749 4.2), in any order (RFC 6749 3.1.1). Hybrid flows (`code id_token` ...) and anything
 * else are unsupported_response_type.
 */
export function checkResponseType(params: AuthorizeParams): ResponseType {
  const responseType = params.get('response_type');
  if (responseType === undefined) throw invalidRequest('response_type is required');
  const asked = values(responseType);
  if (asked.length === 1 && asked[0] === 'code') return CODE;
  const unique = new Set(asked);
  if (
    asked.length === 0 ||
    unique.size !== asked.length ||
    asked.some((value) => !SUPPORTED_VALUES.has(value))
  ) {
    throw new AuthorizeError(
      'unsupported_response_type',
      'response_type must be code, id_token, id_token token or token',
      { detail: `response_type ${JSON.stringify(responseType.slice(0, 60))}` },
    );
  }
  return { code: false, idToken: unique.has('id_token'), token: unique.has('token') };
}

/**
 * How to deliver an error before response_type and response_mode are validated: form_post when
 * asked for; otherwise the default of the response type asked for (OAuth 2.0 Multiple Response
 * Type Encoding Practices 2.1): fragment when it would carry tokens (ours, and a missing one),
 * query for a code-only or `none` client, which reads its answers there. Errors carry no tokens.
 */
export function errorDeliveryMode(params: AuthorizeParams): ResponseMode {
  const requested = params.single('response_mode');
  if (requested === 'form_post') return 'form_post';
  const responseType = params.single('response_type');
  const carriesTokens =
    responseType === undefined || values(responseType).some((value) => SUPPORTED_VALUES.has(value));
  if (requested === 'fragment' || carriesTokens) return 'fragment';
  return 'query';
}

/**
 * For a code: query (its default), fragment or form_post; a code is useless without the verifier
 * only its client holds (PKCE), so the query is acceptable. For tokens: fragment (the default) or
 * form_post. query is refused: tokens in a query string reach server logs, proxies and Referer
 * headers (OAuth 2.0 Multiple Response Type Encoding Practices 3.0, RFC 9700 4.3).
 */
export function checkResponseMode(params: AuthorizeParams, responseType: ResponseType): ResponseMode {
  const mode = params.get('response_mode');
  if (responseType.code) {
    if (mode === undefined || mode === 'query') return 'query';
    if (mode === 'fragment' || mode === 'form_post') return mode;
    throw invalidRequest('response_mode must be query, fragment or form_post');
  }
  if (mode === undefined || mode === 'fragment') return 'fragment';
  if (mode === 'form_post') return 'form_post';
  if (mode === 'query')
    throw invalidRequest(
      'response_mode query is not allowed for these response types: use fragment or form_post',
    );
  throw invalidRequest('response_mode must be fragment or form_post');
}
