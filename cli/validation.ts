import { normalizeThumbprint } from '../shared/certs/thumbprint.js';
import { usageError } from './errors.js';

/** Power Pages' client_id rule (the token endpoint answers PortalSTS0002 to anything else). */
const CLIENT_ID = /^[A-Za-z0-9-]{1,36}$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function validClientId(value: string): string {
  if (!CLIENT_ID.test(value)) {
    throw usageError(`'${value}' is not a client id: at most 36 letters, digits and hyphens`);
  }
  return value;
}

/**
 * A redirect URI the authorize endpoint may send tokens to: absolute; https, or http only on the
 * loopback (a native app or a developer's machine, RFC 8252); no fragment (the token goes there);
 * no user:password@ (it hides the real host from a reader); no `;` (the list separator).
 */
export function validRedirectUri(value: string): string {
  const bad = (why: string) => usageError(`redirect URI '${value}' is not allowed: ${why}`);
  if (/[\s;]/.test(value)) throw bad('it contains whitespace or a semicolon');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad('it is not an absolute URL');
  }
  if (url.protocol === 'http:') {
    if (!LOOPBACK_HOSTS.has(url.hostname))
      throw bad('http is only allowed for localhost, 127.0.0.1 and [::1]');
  } else if (url.protocol !== 'https:') throw bad('it must be https');
  // `new URL` drops an empty fragment ("...#"), so look at the text too.
  if (url.hash !== '' || value.includes('#')) throw bad('it has a fragment');
  if (url.username !== '' || url.password !== '') throw bad('it has a user name or password');
  return value;
}

export function validThumbprint(value: string): string {
  const thumbprint = normalizeThumbprint(value);
  if (!thumbprint) throw usageError(`'${value}' is not a certificate thumbprint (40 hex digits, SHA-1)`);
  return thumbprint;
}
