import fc from 'fast-check';
import { allowedCorsOrigins, type FuzzHost, INSECURE_CALLBACK, registeredRedirectUris } from './fuzz-site.js';
import {
  acceptLanguages,
  authorizationHeaders,
  clientPrincipalHeaders,
  cookieHeaders,
  originHeaders,
} from './header-values.js';
import type { OracleSite, SentRequest } from './oracle.js';
import { valuesFor } from './param-values.js';
import { parseResponse, type RawResponse, sendRaw, serializeRequest } from './raw-http.js';
import {
  BODIES,
  type FuzzRequest,
  METHODS,
  optionalHeaders,
  parameterList,
  TENANTS,
  toRawRequest,
  type ValuesFor,
} from './requests.js';
import { FUZZ_ROUTES, type FuzzRoute, KNOWN_PARAMETERS } from './routes.js';
import { asFieldValue, hostileText } from './values.js';

/** Node refuses a request head over 16 KB (431); below this margin every request must reach the host. */
const NODE_HEADER_LIMIT = 16 * 1024;
const PARSER_MARGIN = 512;

export function oracleSite(host: FuzzHost): OracleSite {
  return {
    // Registered but plain http on a public host: never redirected to (written out here rather
    // than asking the service's own rule, so a broken rule cannot pass its own test).
    redirectTargets: registeredRedirectUris(host.url).filter((uri) => uri !== INSECURE_CALLBACK),
    allowedOrigins: allowedCorsOrigins(host.url),
  };
}

/** The headers of a fuzz request; a few are sent twice. */
export function fuzzHeaders(host: FuzzHost): fc.Arbitrary<Array<[string, string]>> {
  return fc
    .tuple(
      optionalHeaders({
        Host: fc.constantFrom(`localhost:${host.port}`, 'evil.example', 'localhost:1', '[::1]:80'),
        Cookie: cookieHeaders(host.session),
        Authorization: authorizationHeaders,
        Origin: originHeaders([...allowedCorsOrigins(host.url)]),
        'Accept-Language': acceptLanguages,
        'X-Requested-With': fc.constantFrom('XMLHttpRequest', 'xmlhttprequest', 'fetch'),
        'If-None-Match': fc.oneof(fc.constant('*'), hostileText),
        'X-Forwarded-Host': fc.constant('evil.example'),
      }),
      clientPrincipalHeaders.map((headers) =>
        headers.map(([name, value]): [string, string] => [name, asFieldValue(value)]),
      ),
    )
    .chain(([headers, principal]) =>
      fc
        .subarray(headers, { maxLength: Math.min(2, headers.length) })
        .map((again) => [...headers, ...principal, ...again]),
    );
}

export interface FuzzRequestOptions {
  routes?: readonly FuzzRoute[];
  /** Parameter values by name; default: plausible and hostile ones (support/param-values.ts). */
  values?: ValuesFor;
  maxParams?: number;
  headers?: fc.Arbitrary<Array<[string, string]>>;
}

export function fuzzRequests(host: FuzzHost, options: FuzzRequestOptions = {}): fc.Arbitrary<FuzzRequest> {
  const values = options.values ?? valuesFor(host.url);
  return fc.constantFrom(...(options.routes ?? FUZZ_ROUTES)).chain((route) =>
    fc.record({
      method: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('GET', 'POST') },
        { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
      ),
      route: fc.constant(route),
      tenant: TENANTS,
      params: parameterList(route, KNOWN_PARAMETERS, values, options.maxParams),
      body: BODIES,
      headers: options.headers ?? fuzzHeaders(host),
    }),
  );
}

/** Whether a function must answer: the method is registered and the path is one plain segment per part. */
export function expectRouted(request: FuzzRequest): boolean | undefined {
  if (!request.route.methods.includes(request.method)) return false;
  if (!request.route.tenanted) return true;
  if (request.tenant.raw) return undefined;
  return !['', '.', '..'].includes(request.tenant.text);
}

/** Sends a fuzz request over a raw socket; returns the response and what the oracle needs to know. */
export async function sendFuzzRequest(
  host: FuzzHost,
  request: FuzzRequest,
): Promise<{ response: RawResponse; sent: SentRequest }> {
  const raw = toRawRequest(request);
  const bytes = serializeRequest(raw, host.port);
  const headLength = bytes.length - (raw.body?.length ?? 0);
  const response = parseResponse(await sendRaw(host.port, bytes), request.method === 'HEAD');
  const origin = request.headers.find(([name]) => name === 'Origin')?.[1];
  const sent: SentRequest = {
    method: request.method,
    kind: request.route.kind,
    routed: expectRouted(request),
    origin,
    mayBeRefusedByParser: headLength > NODE_HEADER_LIMIT - PARSER_MARGIN,
  };
  return { response, sent };
}
