import type { HttpHandler, HttpRequest, HttpResponse, HttpResponseInit } from '@azure/functions';

/**
 * CORS for the service's routes, in two policies:
 * - open (discovery, JWKS, public keys): public documents, `Access-Control-Allow-Origin: *`, no
 *   credentials, on every response;
 * - credentialed (token, verify, userinfo): the browser sends the Easy Auth cookie, so only listed
 *   origins are echoed back with `Access-Control-Allow-Credentials: true`; any other origin gets no
 *   CORS header at all and the browser keeps the response from the page.
 */

const PREFLIGHT_MAX_AGE_SECONDS = 600;
const ALLOWED_REQUEST_HEADERS = 'Authorization, Content-Type, X-Requested-With';
/** Response headers cross-origin scripts read: Power Pages' script reads the first three. */
export const EXPOSED_HEADERS = 'state, expires_in, X-Responded-JSON, WWW-Authenticate, x-correlation-id';

type HandlerResult = HttpResponseInit | HttpResponse;

/** The serialized origin of an http(s) URL, as browsers send it in `Origin`; undefined otherwise. */
export function toOrigin(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function isHttpResponse(result: HandlerResult): result is HttpResponse {
  return typeof (result as HttpResponse).arrayBuffer === 'function';
}

/** Adds headers to a handler's result; `Vary` is appended to, everything else is set. */
export function withHeaders(result: HandlerResult, extra: Record<string, string>): HandlerResult {
  const headers = isHttpResponse(result) ? result.headers : new Headers(result.headers);
  for (const [name, value] of Object.entries(extra)) {
    if (name.toLowerCase() === 'vary' && headers.has('vary')) headers.append('Vary', value);
    else headers.set(name, value);
  }
  return isHttpResponse(result) ? result : { ...result, headers };
}

/** The CORS headers of a credentialed route's actual response (not a preflight). */
function credentialedCorsHeaders(
  origin: string | null,
  allowed: ReadonlySet<string>,
): Record<string, string> {
  const vary = { Vary: 'Origin' };
  if (!origin || !allowed.has(origin)) return vary;
  return {
    ...vary,
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
  };
}

/** A preflight answer: 204, with the grant only for an allowed origin (none otherwise). */
export function preflightResponse(
  origin: string | null,
  allowed: ReadonlySet<string>,
  methods: readonly string[],
): HttpResponseInit {
  const headers = credentialedCorsHeaders(origin, allowed);
  if (headers['Access-Control-Allow-Origin']) {
    headers['Access-Control-Allow-Methods'] = methods.join(', ');
    headers['Access-Control-Allow-Headers'] = ALLOWED_REQUEST_HEADERS;
    headers['Access-Control-Max-Age'] = String(PREFLIGHT_MAX_AGE_SECONDS);
  }
  return { status: 204, headers: { ...headers, 'Cache-Control': 'no-store' } };
}

/** Open CORS on every response of a public route, and its (rare) preflights answered with 204. */
export function withOpenCors(handler: HttpHandler): HttpHandler {
  return async (request, context) => {
    if (request.method === 'OPTIONS') {
      return {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': '*',
          // The preflight is answered here, not by the endpoint wrapper: the same security headers.
          'X-Content-Type-Options': 'nosniff',
          'Access-Control-Allow-Methods': 'GET',
          'Access-Control-Allow-Headers': `${ALLOWED_REQUEST_HEADERS}, If-None-Match`,
          'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
        },
      };
    }
    return withHeaders(await handler(request, context), { 'Access-Control-Allow-Origin': '*' });
  };
}

/**
 * Credentialed CORS around a handler: OPTIONS goes to `preflight`; any other response (success or
 * error document) gets the CORS grant when the request's origin is in `allowedOrigins`. Those are
 * asked for before the handler runs (they may depend on the request's body, which the handler then
 * consumes) and awaited after it. When they cannot be found (unknown site, store down), no grant is
 * given: the handler's own response already reports that failure.
 */
export function withCredentialedCors(
  handler: HttpHandler,
  preflight: HttpHandler,
  allowedOrigins: (request: HttpRequest) => Promise<ReadonlySet<string>>,
): HttpHandler {
  return async (request, context) => {
    if (request.method === 'OPTIONS') return preflight(request, context);
    const origin = request.headers.get('origin');
    const none: ReadonlySet<string> = new Set();
    // Reported by the handler's response; no grant.
    const allowed = origin ? allowedOrigins(request).catch(() => none) : Promise.resolve(none);
    const result = await handler(request, context);
    return withHeaders(result, credentialedCorsHeaders(origin, await allowed));
  };
}
