import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { pathAndQuery, signInUrl } from '../user/sign-in-url.js';

/**
 * What an anonymous caller gets. Power Pages' client script sends `X-Requested-With:
 * XMLHttpRequest` and looks for `X-Responded-JSON` with status 401 and the sign-in location (the
 * ASP.NET convention for AJAX calls, which must not follow a redirect to a sign-in page); a
 * navigation is redirected to sign in and comes back to the same URL afterwards.
 */
export function signInChallenge(request: HttpRequest, loginProvider: string): HttpResponseInit {
  const location = signInUrl(loginProvider, pathAndQuery(request.url));
  const headers = { 'Cache-Control': 'no-store' };
  if (request.headers.get('x-requested-with')?.toLowerCase() === 'xmlhttprequest') {
    const envelope = JSON.stringify({ status: 401, headers: { location } });
    return { status: 200, headers: { ...headers, 'X-Responded-JSON': envelope } };
  }
  return { status: 302, headers: { ...headers, Location: location } };
}
