import type { Cookie } from '@azure/functions';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Serialises a handler's cookie the way the Functions host does through ASP.NET Core: the value
 * percent-encoded, Path defaulting to `/`, SameSite only when given.
 */
export function serializeCookie(cookie: Cookie): string {
  if (!TOKEN.test(cookie.name)) throw new Error(`invalid cookie name "${cookie.name}"`);
  const attributes = [`${cookie.name}=${encodeURIComponent(cookie.value)}`];
  if (cookie.domain) attributes.push(`Domain=${cookie.domain}`);
  attributes.push(`Path=${cookie.path || '/'}`);
  if (cookie.expires !== undefined) {
    const expires = typeof cookie.expires === 'number' ? new Date(cookie.expires) : cookie.expires;
    attributes.push(`Expires=${expires.toUTCString()}`);
  }
  if (cookie.maxAge !== undefined) attributes.push(`Max-Age=${Math.trunc(cookie.maxAge)}`);
  if (cookie.secure) attributes.push('Secure');
  if (cookie.httpOnly) attributes.push('HttpOnly');
  if (cookie.sameSite) attributes.push(`SameSite=${cookie.sameSite}`);
  for (const attribute of attributes) {
    if (/[\r\n;]/.test(attribute.slice(attribute.indexOf('=') + 1)))
      throw new Error('invalid cookie attribute');
  }
  return attributes.join('; ');
}

/** The cookies of a request's Cookie header; the first one of a name wins, as browsers send the most specific first. */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const name = pair.slice(0, equals).trim();
    if (!cookies.has(name)) cookies.set(name, pair.slice(equals + 1).trim());
  }
  return cookies;
}
