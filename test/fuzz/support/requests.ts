import fc from 'fast-check';
import type { RawRequest } from './raw-http.js';
import type { FuzzRoute } from './routes.js';
import { asFieldValue, hostileText, PERCENT_GARBAGE, percentEncode, rawTargetText } from './values.js';

/**
 * A generated HTTP request, before it is put into bytes: kept structured so a failing case shrinks
 * to something readable and the oracle knows what was sent (method, route, origin).
 */

export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;

/** A parameter; `raw` ones go into the URL or body exactly as they are (percent garbage). */
export interface Param {
  name: string;
  value: string;
  raw: boolean;
  inBody: boolean;
}

export type BodyKind = 'form' | 'json' | 'multipart' | 'text' | 'bytes' | 'none';

export interface FuzzRequest {
  method: string;
  route: FuzzRoute;
  tenant: { text: string; raw: boolean };
  params: Param[];
  body: { kind: BodyKind; bytes: Uint8Array; contentType: string | undefined };
  headers: Array<[string, string]>;
}

const MULTIPART_BOUNDARY = 'fuzzboundary';

export const CONTENT_TYPES: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=utf-8',
    'APPLICATION/X-WWW-FORM-URLENCODED;charset=ISO-8859-1',
    'application/x-www-form-urlencodedx',
    'application/x-www-form-urlencoded, application/json',
    'application/json',
    `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
    'text/plain',
    'text/html',
    ';;;',
    '',
    undefined,
  ),
  hostileText.map(asFieldValue),
);

/** Names the endpoint reads (so values reach its checks), names of other endpoints, and garbage. */
function parameterName(route: FuzzRoute, known: readonly string[]): fc.Arbitrary<string> {
  const own = route.parameters.length > 0 ? route.parameters : known;
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...own) },
    { weight: 2, arbitrary: fc.constantFrom(...known) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...own.map((name) => name.toUpperCase()), 'client_id ', 'token[]'),
    },
    { weight: 2, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.constant('') },
  );
}

/** The values to try for a parameter: plausible ones for its name, so checks deeper in get reached. */
export type ValuesFor = (name: string) => fc.Arbitrary<string>;

function parameter(route: FuzzRoute, known: readonly string[], valuesFor: ValuesFor): fc.Arbitrary<Param> {
  const encoded = parameterName(route, known).chain((name) =>
    fc.record({
      name: fc.constant(name),
      value: valuesFor(name),
      raw: fc.constant(false),
      inBody: fc.boolean(),
    }),
  );
  // Raw: garbage the service must decode itself, such as %zz, a truncated %E0%A4%A, or client%5Fid.
  const raw = fc.record({
    name: fc.oneof(fc.constantFrom(...route.parameters, 'client%5Fid', 'to%00ken'), rawTargetText),
    value: rawTargetText,
    raw: fc.constant(true),
    inBody: fc.boolean(),
  });
  return fc.oneof({ weight: 5, arbitrary: encoded }, { weight: 1, arbitrary: raw });
}

/** A parameter list in which some parameters are sent again (in the same place or the other one). */
export function parameterList(
  route: FuzzRoute,
  known: readonly string[],
  valuesFor: ValuesFor,
  maxLength = 10,
): fc.Arbitrary<Param[]> {
  return fc
    .array(parameter(route, known, valuesFor), { maxLength })
    .chain((params) =>
      fc
        .subarray(params, { maxLength: Math.min(3, params.length) })
        .chain((again) =>
          fc
            .array(fc.boolean(), { minLength: again.length, maxLength: again.length })
            .map((places) => [
              ...params,
              ...again.map((param, i) => ({ ...param, inBody: places[i] ?? false })),
            ]),
        ),
    );
}

export const TENANTS: fc.Arbitrary<{ text: string; raw: boolean }> = fc.oneof(
  { weight: 16, arbitrary: fc.constant({ text: 'contoso', raw: false }) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom('fabrikam', 'CONTOSO', 'contoso ', '-contoso', 'a'.repeat(64), '_services', '.well-known')
      .map((text) => ({ text, raw: false })),
  },
  { weight: 2, arbitrary: hostileText.map((text) => ({ text, raw: false })) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.constantFrom('', '.', '..', '%2e%2e', '%2F', 'contoso%2F..', ...PERCENT_GARBAGE),
        rawTargetText,
      )
      // One path segment: '/' would split it, and '?' or '#' would end the path there (a '?' first
      // sends the request to `/`, another route altogether).
      .map((text) => ({ text: text.replace(/[/?#]/g, ''), raw: true })),
  },
);

function encodePair(param: Param): string {
  return param.raw
    ? `${param.name}=${param.value}`
    : `${percentEncode(param.name)}=${percentEncode(param.value)}`;
}

/** The body of a request in the format its kind names (which may not match its Content-Type). */
export function bodyBytes(kind: BodyKind, params: readonly Param[], bytes: Uint8Array): Buffer {
  const inBody = params.filter((param) => param.inBody);
  switch (kind) {
    case 'form':
      return Buffer.from(inBody.map(encodePair).join('&'), 'utf8');
    case 'json':
      return Buffer.from(JSON.stringify(Object.fromEntries(inBody.map((p) => [p.name, p.value]))), 'utf8');
    case 'multipart':
      return Buffer.from(
        `${inBody
          .map(
            (p) =>
              `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`,
          )
          .join('')}--${MULTIPART_BOUNDARY}--\r\n`,
        'utf8',
      );
    case 'text':
      return Buffer.from(inBody.map((p) => `${p.name}: ${p.value}`).join('\n'), 'utf8');
    case 'bytes':
      return Buffer.from(bytes);
    case 'none':
      return Buffer.alloc(0);
  }
}

/** The bytes-ready request: path with the tenant, query parameters, body and headers. */
export function toRawRequest(request: FuzzRequest): RawRequest {
  const tenant = request.tenant.raw ? request.tenant.text : percentEncode(request.tenant.text);
  const query = request.params.filter((param) => !param.inBody).map(encodePair);
  const path = request.route.path(tenant);
  const target = query.length > 0 ? `${path}?${query.join('&')}` : path;
  const body = bodyBytes(request.body.kind, request.params, request.body.bytes);
  const headers: Array<[string, string]> = [...request.headers];
  if (request.body.contentType !== undefined) headers.push(['Content-Type', request.body.contentType]);
  return { method: request.method, target, headers, body: body.length > 0 ? body : undefined };
}

export const BODIES = fc.record({
  kind: fc.constantFrom<BodyKind>('form', 'form', 'form', 'json', 'multipart', 'text', 'bytes', 'none'),
  bytes: fc.uint8Array({ maxLength: 256 }),
  contentType: CONTENT_TYPES,
});

/** Optional headers: each either absent or one of the given values. */
export function optionalHeaders(
  choices: Record<string, fc.Arbitrary<string>>,
): fc.Arbitrary<Array<[string, string]>> {
  const entries = Object.entries(choices).map(([name, values]) =>
    fc.option(
      values.map((value): [string, string] => [name, asFieldValue(value)]),
      { nil: undefined },
    ),
  );
  return fc.tuple(...entries).map((headers) => headers.filter((header) => header !== undefined));
}
