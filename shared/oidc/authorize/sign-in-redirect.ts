import type { HttpRequest, HttpResponseInit } from '@azure/functions';
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
 * The return URL after sign-in: this same authorize request as a GET (a POST's form parameters
 * become the query; Easy Auth can only send the browser back with a GET). Any auth_after the
 * client sent is dropped. For a forced sign-in (`marker` given: signMarker's), the signed auth_after
 * marker says how recent the sign-in must be when the request comes back; prompt=login stays, and
 * is satisfied by a genuine marker (without one, it sends the user to sign in again).
 */
export function signInReturnUrl(request: HttpRequest, params: AuthorizeParams, marker?: string) {
  const query = params.toQuery();
  query.delete(AUTH_AFTER);
  if (marker) query.set(AUTH_AFTER, marker);
  return `${sameHostPath(new URL(request.url).pathname)}?${query.toString()}`;
}

/**
 * Sends the browser to Easy Auth's sign-in, which comes back to the authorize request. A forced
 * sign-in also passes prompt=login to Easy Auth, which hands it to the identity provider so that
 * an existing provider session is not silently reused.
 */
export function signInRedirect(
  request: HttpRequest,
  params: AuthorizeParams,
  loginProvider: string,
  fresh: boolean,
  marker?: string,
): HttpResponseInit {
  const returnUrl = signInReturnUrl(request, params, fresh ? marker : undefined);
  if (returnUrl.length > MAX_RETURN_URL) {
    throw new AuthorizeError(
      'invalid_request',
      'The authorization request is too long to resume after sign-in: send fewer or shorter parameters.',
      { detail: `sign-in return URL of ${returnUrl.length} characters` },
    );
  }
  const location = signInUrl(loginProvider, returnUrl);
  return browserRedirect(request.method, fresh ? `${location}&prompt=login` : location);
}
