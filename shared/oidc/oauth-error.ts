import type { HttpResponseInit } from '@azure/functions';
import { noStoreJson } from '../http/no-store-json.js';

/** An RFC 6749 5.2 error response: JSON `error` and `error_description`, never cached. */
export function oauthError(status: number, error: string, description: string): HttpResponseInit {
  return noStoreJson({ error, error_description: description }, status);
}

/**
 * A token request with `grant_type` is an RFC 6749 token request (authorization code, client
 * credentials, ...): this implicit-flow provider issues tokens only to the signed-in user's browser.
 */
export function unsupportedGrantType(): HttpResponseInit {
  return oauthError(
    400,
    'unsupported_grant_type',
    'This provider supports only the implicit flow: get tokens from the authorization endpoint.',
  );
}
