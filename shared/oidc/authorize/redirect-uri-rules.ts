/** Hosts a native or development client may receive responses on over plain http (RFC 8252 7.3). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a registered redirect URI may receive tokens: an absolute https URL, or http on a
 * loopback host (RFC 9700 2.6; nothing else crosses the network in clear text), without a
 * fragment (RFC 6749 3.1.2: ours is appended) or user info (a phishing device). Printable ASCII
 * only, as it goes into a Location header verbatim. An admin can register anything; this keeps a
 * mistake in the settings from becoming a token leak.
 */
export function isConformingRedirectUri(uri: string): boolean {
  if (!/^[\x21-\x7e]+$/.test(uri) || uri.includes('#')) return false;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}
