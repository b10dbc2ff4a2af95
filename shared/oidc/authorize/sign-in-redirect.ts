import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { signInUrl } from '../../user/sign-in-url.js';
import type { AuthorizeParams } from './authorize-params.js';
import { AUTH_AFTER } from './freshness.js';

/**
 * The return URL after sign-in: this same authorize request as a GET (a POST's form parameters
 * become the query; Easy Auth can only send the browser back with a GET). For a forced sign-in,
 * prompt=login is dropped (it is satisfied by this sign-in; keeping it would loop) and the
 * auth_after marker says how recent the sign-in must be when the request comes back.
 */
export function signInReturnUrl(request: HttpRequest, params: AuthorizeParams, fresh: boolean, now: number) {
  const query = params.toQuery();
  if (fresh) {
    const prompts = (query.get('prompt') ?? '')
      .split(' ')
      .filter((value) => value !== '' && value !== 'login');
    if (prompts.length > 0) query.set('prompt', prompts.join(' '));
    else query.delete('prompt');
    query.set(AUTH_AFTER, String(now));
  }
  return `${new URL(request.url).pathname}?${query.toString()}`;
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
  now: number,
): HttpResponseInit {
  const location = signInUrl(loginProvider, signInReturnUrl(request, params, fresh, now));
  return {
    status: request.method === 'POST' ? 303 : 302,
    headers: {
      Location: fresh ? `${location}&prompt=login` : location,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    },
  };
}
