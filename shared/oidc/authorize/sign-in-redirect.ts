import { verify } from 'node:crypto';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { SigningKey } from '../../certs/signing-key.js';
import { signBytes } from '../../token/sign-token.js';
import { sameHostPath, signInUrl } from '../../user/sign-in-url.js';
import { browserRedirect } from './authorization-response.js';
import { AuthorizeError } from './authorize-error.js';
import type { AuthorizeParams } from './authorize-params.js';
import { AUTH_AFTER } from './session.js';

/**
 * The longest return URL sent to Easy Auth. Longer ones would be cut or refused on the way back
 * (the sign-in redirect's Location grows past what servers accept in a request head), so the
 * request fails now, at the verified redirect URI, instead of losing the user after sign-in.
 */
export const MAX_RETURN_URL = 4096;

/**
 * The `auth_after` marker a forced sign-in's return URL carries: `<epoch seconds>.<signature>`.
 * The client must not be able to write it (`prompt=login&auth_after=0` would skip the sign-in), so
 * it is signed with the site's signing key over the time, the path and every other parameter of
 * the request, and checked with the key's public part.
 *
 * A signature rather than an HMAC: every instance can check it (a sign-in may come back to another
 * one) with no new shared secret, and it works when the key never leaves Key Vault (remote
 * signing has no key material to derive a secret from). Forced sign-ins are rare, so the extra
 * signature costs little. When the key rotates, a marker in flight fails, which costs one more
 * sign-in. A marker that is unsigned, forged, for another request, from the future or older than
 * MARKER_MAX_AGE_SECONDS is ignored: the request is then handled as the client sent it, so
 * prompt=login or max_age sends the user to sign in again.
 */
export const MARKER_MAX_AGE_SECONDS = 900;
/** Instances' clocks differ by a second or two. */
const MARKER_CLOCK_SKEW_SECONDS = 60;
/** ES256 signatures are 86 base64url characters, RS256 with a 4096-bit key 683. */
const MARKER = /^(\d{1,12})\.([A-Za-z0-9_-]{86,700})$/;

/** This authorize request's path on this host and every parameter but auth_after. */
function requestToResume(
  request: HttpRequest,
  params: AuthorizeParams,
): { path: string; query: URLSearchParams } {
  const query = params.toQuery();
  query.delete(AUTH_AFTER);
  return { path: sameHostPath(new URL(request.url).pathname), query };
}

/** What the marker is bound to: the path and every parameter but the marker, in a fixed order. */
function boundText(request: HttpRequest, params: AuthorizeParams, seconds: string): Buffer {
  const { path, query } = requestToResume(request, params);
  const entries = [...query]
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .sort();
  return Buffer.from([seconds, path, ...entries].join('\n'), 'utf8');
}

export async function signMarker(
  key: SigningKey,
  request: HttpRequest,
  params: AuthorizeParams,
  now: number,
): Promise<string> {
  const seconds = String(now);
  const signature = await signBytes(boundText(request, params, seconds), key);
  return `${seconds}.${signature.toString('base64url')}`;
}

/** The marker's time when it is genuine, for this request, and recent; undefined otherwise. */
export function verifyMarker(
  key: SigningKey,
  request: HttpRequest,
  params: AuthorizeParams,
  marker: string,
  now: number,
): number | undefined {
  const match = MARKER.exec(marker);
  if (!match?.[1] || !match[2]) return undefined;
  const seconds = Number(match[1]);
  if (seconds > now + MARKER_CLOCK_SKEW_SECONDS || now - seconds > MARKER_MAX_AGE_SECONDS) return undefined;
  const publicKey =
    key.alg === 'ES256' ? { key: key.publicKey, dsaEncoding: 'ieee-p1363' as const } : key.publicKey;
  const text = boundText(request, params, match[1]);
  return verify('sha256', text, publicKey, Buffer.from(match[2], 'base64url')) ? seconds : undefined;
}

/**
 * Sends the browser to Easy Auth's sign-in, which comes back to this same authorize request as a
 * GET (a POST's form parameters become the query; Easy Auth can only send the browser back with a
 * GET). Any auth_after the client sent is dropped. A forced sign-in (`marker` given: signMarker's)
 * carries the signed marker, which says how recent the sign-in must be when the request comes
 * back; prompt=login stays, and is satisfied by a genuine marker (without one, it sends the user
 * to sign in again). It also passes prompt=login to Easy Auth, which hands it to the identity
 * provider so that an existing provider session is not silently reused.
 */
export function signInRedirect(
  request: HttpRequest,
  params: AuthorizeParams,
  loginProvider: string,
  marker?: string,
): HttpResponseInit {
  const { path, query } = requestToResume(request, params);
  if (marker) query.set(AUTH_AFTER, marker);
  const returnUrl = `${path}?${query.toString()}`;
  if (returnUrl.length > MAX_RETURN_URL) {
    throw new AuthorizeError(
      'invalid_request',
      'The authorization request is too long to resume after sign-in: send fewer or shorter parameters.',
      { detail: `sign-in return URL of ${returnUrl.length} characters` },
    );
  }
  const location = signInUrl(loginProvider, returnUrl);
  return browserRedirect(request.method, marker ? `${location}&prompt=login` : location);
}
