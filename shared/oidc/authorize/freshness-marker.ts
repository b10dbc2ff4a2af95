import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { HttpRequest } from '@azure/functions';
import type { SigningKey } from '../../certs/signing-key.js';
import { sameHostPath } from '../../user/sign-in-url.js';
import type { AuthorizeParams } from './authorize-params.js';

/**
 * The `auth_after` marker a forced sign-in's return URL carries: `<epoch seconds>.<HMAC>`. The
 * client must not be able to write it (`prompt=login&auth_after=0` would skip the sign-in), so it
 * is an HMAC-SHA256 over the time, the path and every other parameter of the request.
 *
 * The HMAC key is derived (HKDF-SHA256) from the site's signing key and the site id: secret, the
 * same on every instance (a sign-in may come back to another one) with no new setting, and it
 * changes when the key rotates (a marker in flight then fails, which costs one more sign-in). A
 * marker that is unsigned, forged, for another request, from the future or older than
 * MARKER_MAX_AGE_SECONDS is ignored: the request is then handled as the client sent it, so
 * prompt=login or max_age sends the user to sign in again.
 */
export const MARKER_MAX_AGE_SECONDS = 900;
/** Instances' clocks differ by a second or two. */
const MARKER_CLOCK_SKEW_SECONDS = 60;
const MARKER = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export function markerKey(key: SigningKey, siteId: string): Buffer {
  const secret = key.privateKey.export({ type: 'pkcs8', format: 'der' });
  return Buffer.from(hkdfSync('sha256', secret, siteId, 'portal-sts auth_after marker v1', 32));
}

/** What the marker is bound to: the path and every parameter but the marker, in a fixed order. */
function boundText(request: HttpRequest, query: URLSearchParams, seconds: string): string {
  const entries = [...query]
    .filter(([name]) => name !== 'auth_after')
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .sort();
  return [seconds, sameHostPath(new URL(request.url).pathname), ...entries].join('\n');
}

function mac(secret: Buffer, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

export function signMarker(
  secret: Buffer,
  request: HttpRequest,
  query: URLSearchParams,
  now: number,
): string {
  const seconds = String(now);
  return `${seconds}.${mac(secret, boundText(request, query, seconds))}`;
}

/** The marker's time when it is genuine, for this request, and recent; undefined otherwise. */
export function verifyMarker(
  secret: Buffer,
  request: HttpRequest,
  params: AuthorizeParams,
  marker: string,
  now: number,
): number | undefined {
  const match = MARKER.exec(marker);
  if (!match?.[1] || !match[2]) return undefined;
  const seconds = Number(match[1]);
  if (seconds > now + MARKER_CLOCK_SKEW_SECONDS || now - seconds > MARKER_MAX_AGE_SECONDS) return undefined;
  const expected = Buffer.from(mac(secret, boundText(request, params.toQuery(), match[1])));
  const actual = Buffer.from(match[2]);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? seconds : undefined;
}
