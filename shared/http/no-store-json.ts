import type { HttpResponseInit } from '@azure/functions';

/** A JSON answer about a token or a user: never cached by the browser or a proxy (RFC 6749 5.1). */
export function noStoreJson(
  body: unknown,
  status = 200,
  extra: Record<string, string> = {},
): HttpResponseInit {
  return {
    status,
    headers: {
      ...extra,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      Pragma: 'no-cache',
    },
    body: JSON.stringify(body),
  };
}
