import fc from 'fast-check';
import { FUZZ_ROUTES } from './routes.js';
import { PLANT } from './values.js';

/**
 * Requests as bytes no client library would send: CR, LF and NUL inside the request-target and
 * header values, bare LF line ends, folded headers, repeated Host and Content-Length,
 * Content-Length with Transfer-Encoding (request smuggling), broken chunk sizes, and a second
 * request hidden in the body. Each ends with `Connection: close`, so one response at most is right.
 */

const BREAKERS = [
  '\r',
  '\n',
  '\r\n',
  '\0',
  ' ',
  '\t',
  '\x7f',
  '\xff',
  '\x80',
  '\x1b',
  '%00',
  '%0d%0a',
  '\\',
  '#',
];

/** Mostly nothing, so that one broken part at a time gets past the parser and reaches the host. */
const breakers = fc.oneof(
  { weight: 6, arbitrary: fc.constant<string[]>([]) },
  {
    weight: 1,
    arbitrary: fc.array(
      fc.oneof(
        fc.constantFrom(...BREAKERS),
        fc.string({ unit: 'binary-ascii', maxLength: 6 }),
        fc.constant(PLANT),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  },
);

const method = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('GET', 'POST', 'OPTIONS') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('get', 'G ET', 'GET\0', 'CONNECT', 'TRACE', 'PRI', 'M-SEARCH', ''),
  },
);

const target = fc
  .tuple(fc.constantFrom(...FUZZ_ROUTES.map((route) => route.path('contoso'))), breakers, fc.nat())
  .map(([path, pieces, at]) => {
    const cut = at % (path.length + 1);
    return `${path.slice(0, cut)}${pieces.join('')}${path.slice(cut)}`;
  });

const version = fc.constantFrom(
  ...Array<string>(24).fill('HTTP/1.1'),
  'HTTP/1.0',
  'HTTP/2.0',
  'HTTP/9.9',
  'HTTP/1.1 ',
  '',
);

const lineEnd = fc.constantFrom(...Array<string>(8).fill('\r\n'), '\n');

const rarely = fc.oneof(
  { weight: 6, arbitrary: fc.constant(false) },
  { weight: 1, arbitrary: fc.constant(true) },
);

/** One header line, possibly broken: control bytes in the name or value, a folded continuation. */
const headerLine = fc
  .tuple(
    fc.constantFrom(
      'X-MS-CLIENT-PRINCIPAL-ID',
      'X-MS-CLIENT-PRINCIPAL-NAME',
      'X-MS-CLIENT-PRINCIPAL',
      'Cookie',
      'Authorization',
      'Origin',
      'Content-Type',
      'Accept-Language',
      'X-Requested-With',
      'Host',
    ),
    fc.oneof({ weight: 6, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: breakers }),
    breakers,
    rarely,
  )
  .map(([name, nameNoise, value, folded]) => {
    const line = `${name}${nameNoise.join('')}: admin${value.join('')}`;
    return folded ? `${line}\r\n continued` : line;
  });

/** Framing that disagrees with itself, each with a second request hidden behind the first. */
const SMUGGLED = 'GET /_services/auth/publickey HTTP/1.1\r\nHost: x\r\n\r\n';
const framing = fc.constantFrom(
  ...Array<{ headers: string[]; body: string }>(16).fill({ headers: [], body: '' }),
  { headers: ['Content-Length: 0'], body: SMUGGLED },
  { headers: ['Content-Length: 5', 'Content-Length: 6'], body: 'a=1&b' },
  { headers: ['Content-Length: 4', 'Transfer-Encoding: chunked'], body: `0\r\n\r\n${SMUGGLED}` },
  { headers: ['Transfer-Encoding: chunked'], body: `zz\r\nabc\r\n0\r\n\r\n` },
  { headers: ['Transfer-Encoding: chunked'], body: `3\r\na=1\r\n0\r\n\r\n${SMUGGLED}` },
  { headers: ['Transfer-Encoding: chunked, identity'], body: '3\r\na=1\r\n0\r\n\r\n' },
  { headers: ['Transfer-Encoding: xchunked'], body: '3\r\na=1\r\n0\r\n\r\n' },
  { headers: ['Content-Length: -1'], body: '' },
  { headers: ['Content-Length: 1e3'], body: 'a=1' },
  { headers: ['Content-Length: 99'], body: 'a=1' },
);

export const rawRequests: fc.Arbitrary<{ bytes: Buffer; description: string }> = fc
  .record({
    method,
    target,
    version,
    end: lineEnd,
    host: fc.constantFrom(
      ...Array<string[]>(12).fill(['Host: localhost']),
      ['Host: localhost', 'Host: evil.example'],
      [],
      ['Host: a b'],
    ),
    headers: fc.array(headerLine, { maxLength: 4 }),
    framing,
  })
  .map((parts) => {
    const { end } = parts;
    const lines = [
      `${parts.method} ${parts.target} ${parts.version}`.trimEnd(),
      ...parts.host,
      ...parts.headers,
      ...parts.framing.headers,
      'Connection: close',
    ];
    const text = `${lines.join(end)}${end}${end}${parts.framing.body}`;
    // latin1: every character above is one byte, so \xff and \x80 go out as those bytes.
    return { bytes: Buffer.from(text, 'latin1'), description: JSON.stringify(text) };
  });

/** The status codes of the responses in a byte stream, in order. */
export function responseStatuses(data: Buffer): number[] {
  return [...data.toString('latin1').matchAll(/(?:^|\n)HTTP\/1\.[01] (\d{3})/g)].map((match) =>
    Number(match[1]),
  );
}
