import type { ServerResponse } from 'node:http';

/** Responses the dev host writes itself; none of them may be cached or framed. */
const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string, csp: string, method = 'GET') {
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    // Not no-referrer: browsers then send `Origin: null` with the form post, which the sign-in's
    // cross-site check must refuse.
    'referrer-policy': 'same-origin',
  });
  res.end(method === 'HEAD' ? undefined : html);
}

export function redirect(res: ServerResponse, status: 302 | 303, location: string, cookies: string[] = []) {
  res.writeHead(status, { ...BASE_HEADERS, location, ...(cookies.length ? { 'set-cookie': cookies } : {}) });
  res.end();
}

/** The generic error bodies of the dev host itself (never a stack trace). */
export function sendError(res: ServerResponse, status: number, error: string, message: string) {
  sendJson(res, status, { error, message });
}
