import type { HttpRequest } from '@azure/functions';

/**
 * The token of an `Authorization: Bearer <token>` header (RFC 6750 2.1), or undefined when there
 * is no such header or it uses another scheme (Basic client credentials, say). What follows the
 * scheme is returned as it is; whether it is a token is for the validator to say.
 */
export function bearerToken(request: HttpRequest): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
}
