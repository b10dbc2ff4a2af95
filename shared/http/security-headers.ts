import type { HttpRequest, HttpResponse, HttpResponseInit } from '@azure/functions';
import { withHeaders } from './cors.js';

/**
 * Sent on every response of every endpoint (JSON, JWT, PEM, HTML, errors, redirects, preflights):
 * the browser must use a response only as the type it says it is. Without it, a page of another
 * origin could load `application/jwt` as a script and read parts of the token through globals.
 */
export function withNosniff(result: HttpResponseInit | HttpResponse): HttpResponseInit | HttpResponse {
  return withHeaders(result, { 'X-Content-Type-Options': 'nosniff' });
}

/**
 * The `Sec-Fetch-Dest` values a token may be sent to: `empty` (fetch, XHR), navigations (`document`,
 * and `iframe`/`frame`, whose content another origin cannot read), and none at all (clients other
 * than browsers, and browsers that do not send the header). Every other destination (script,
 * style, image, font, media, object, embed, workers, manifest, json, xslt, report, and values not
 * known today) is a resource a page of another origin could include and read parts of.
 */
const TOKEN_DESTINATIONS: ReadonlySet<string> = new Set(['empty', 'document', 'iframe', 'frame']);

/** Whether a token may be answered to this request, judged by what the browser will do with it. */
export function isTokenDestination(request: HttpRequest): boolean {
  const destination = request.headers.get('sec-fetch-dest');
  return destination === null || TOKEN_DESTINATIONS.has(destination.trim().toLowerCase());
}
