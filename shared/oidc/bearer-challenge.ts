import type { HttpResponseInit } from '@azure/functions';
import type { BearerError } from '../errors/bearer-error.js';

/**
 * RFC 6750 3: a protected resource's refusal. Without an error (no token was sent at all) it is a
 * bare `401` with `WWW-Authenticate: Bearer` (3.1: no error code when the request had no
 * authentication); otherwise the error and a short description go in the header and, for
 * clients that read bodies, in a JSON body too. Never the token.
 */
export function bearerChallenge(error: BearerError): HttpResponseInit {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
  if (error.code === 'no_token') {
    return { status: 401, headers: { ...headers, 'WWW-Authenticate': 'Bearer' } };
  }
  const { code, description, challenge: extra } = error;
  const parameters = { error: code, ...(description ? { error_description: description } : {}), ...extra };
  const challenge = Object.entries(parameters)
    .map(([name, value]) => `${name}="${value.replace(/["\\]/g, '')}"`)
    .join(', ');
  return {
    status: error.status,
    headers: { ...headers, 'WWW-Authenticate': `Bearer ${challenge}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(parameters),
  };
}
