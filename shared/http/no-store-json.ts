import type { HttpResponseInit } from '@azure/functions';

/**
 * A response that no browser or proxy may cache: it carries a token, a user's data or a per-request
 * id (RFC 6749 5.1). The caller's headers come first, so they cannot turn caching back on.
 */
export function noStoreResponse(
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): HttpResponseInit {
  return {
    status,
    headers: { ...headers, 'Content-Type': contentType, 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    body,
  };
}

/** A JSON answer about a token or a user. */
export function noStoreJson(
  body: unknown,
  status = 200,
  extra: Record<string, string> = {},
): HttpResponseInit {
  return noStoreResponse(status, 'application/json; charset=utf-8', JSON.stringify(body), extra);
}
