import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { oracleSite } from './support/fuzz-requests.js';
import { checkProperty, countCases, runs } from './support/fuzz-run.js';
import { SESSION_COOKIE } from './support/fuzz-site.js';
import { fuzzSuite } from './support/fuzz-suite.js';
import { checkResponse, type OracleSite } from './support/oracle.js';
import {
  exchange,
  parseResponse,
  type RawRequest,
  type RawResponse,
  sendRaw,
  serializeRequest,
} from './support/raw-http.js';
import type { RouteKind } from './support/routes.js';

/**
 * The documented limits, at their edges: a body over 16 KB is 413 PortalSTS0016 (an HTML page
 * with that id at authorize); more than 64 parameters is 400 PortalSTS0017; a token over 8 KB is
 * inactive at verify; a head over Node's 16 KB is Node's own 431; a body over the dev host's
 * 10 MiB is its 413. After each refusal the host answers the next request.
 */

const BODY_LIMIT = 16 * 1024;
const PARAMETER_LIMIT = 64;
const HOST_BODY_LIMIT = 10 * 1024 * 1024;
/** README: a token over 8 KB is inactive without being parsed. */
const TOKEN_LIMIT = 8 * 1024;

let site: OracleSite;
const { host } = fuzzSuite('limits');

beforeAll(async () => {
  site = oracleSite(host());
});

interface Endpoint {
  name: string;
  kind: RouteKind;
  target: string;
  /** A header that makes the request otherwise answerable (a token to look at). */
  headers: Array<[string, string]>;
}

const POST_ENDPOINTS: Endpoint[] = [
  { name: 'token', kind: 'token', target: '/_services/auth/token', headers: [] },
  { name: 'tenant token', kind: 'tenant-token', target: '/contoso/oauth2/v1/token', headers: [] },
  { name: 'authorize', kind: 'authorize', target: '/contoso/oauth2/v1/auth', headers: [] },
  {
    name: 'verify',
    kind: 'verify',
    target: '/contoso/oauth2/v1/verify',
    headers: [['Authorization', 'Bearer a.b.c']],
  },
  {
    name: 'userinfo',
    kind: 'userinfo',
    target: '/contoso/oauth2/v1/userinfo',
    headers: [['Authorization', 'Bearer a.b.c']],
  },
];

function formPost(endpoint: Endpoint, body: Buffer, query = ''): RawRequest {
  return {
    method: 'POST',
    target: `${endpoint.target}${query}`,
    headers: [...endpoint.headers, ['Content-Type', 'application/x-www-form-urlencoded']],
    body,
  };
}

/** A form body of exactly `bytes` bytes: one parameter no endpoint reads. */
const paddedForm = (bytes: number) => Buffer.from(`pad=${'x'.repeat(bytes - 4)}`);

/** The PortalSTS id of an answer: the JSON document's, or the error page's. */
function errorIdOf(response: RawResponse): string | undefined {
  const text = response.body.toString('utf8');
  return /"ErrorId":"(PortalSTS\d{4})"|id="error-id">(PortalSTS\d{4})</.exec(text)?.slice(1).find(Boolean);
}

async function send(request: RawRequest, kind: RouteKind): Promise<RawResponse> {
  const response = await exchange(host().port, request);
  checkResponse(response, { method: request.method, kind, routed: true, origin: undefined }, site);
  return response;
}

async function expectHostAlive(): Promise<void> {
  const next = await exchange(host().port, {
    method: 'GET',
    target: '/_services/auth/publickey',
    headers: [],
  });
  expect(next.status, 'the host stopped answering').toBe(200);
}

describe('request body: 16 KB', () => {
  it.each(POST_ENDPOINTS.map((endpoint) => [endpoint.name, endpoint] as const))(
    '%s: 16 KB is read, one byte more is 413 PortalSTS0016',
    async (_name, endpoint) => {
      const atLimit = await send(formPost(endpoint, paddedForm(BODY_LIMIT)), endpoint.kind);
      expect(atLimit.status).not.toBe(413);
      const over = await send(formPost(endpoint, paddedForm(BODY_LIMIT + 1)), endpoint.kind);
      expect(over.status).toBe(413);
      expect(errorIdOf(over)).toBe('PortalSTS0016');
      countCases('body limit edges', 2);
    },
  );

  it('counts the bytes sent, not their decoding: 10 KB of invalid UTF-8 is under the limit', async () => {
    for (const endpoint of POST_ENDPOINTS) {
      // Each 0xFF byte decodes to U+FFFD, three bytes: measured after decoding, 10 KB became 30 KB.
      const body = Buffer.concat([Buffer.from('pad='), Buffer.alloc(10 * 1024, 0xff)]);
      const response = await send(formPost(endpoint, body), endpoint.kind);
      expect(response.status, endpoint.name).not.toBe(413);
    }
    countCases('body limit edges', POST_ENDPOINTS.length);
  });

  it('a body sent chunked (no Content-Length) is held to the same limit', async () => {
    for (const endpoint of POST_ENDPOINTS) {
      const body = paddedForm(BODY_LIMIT + 1);
      const chunked = Buffer.concat([
        Buffer.from(`${body.length.toString(16)}\r\n`),
        body,
        Buffer.from('\r\n0\r\n\r\n'),
      ]);
      const request: RawRequest = {
        ...formPost(endpoint, chunked),
        headers: [...formPost(endpoint, body).headers, ['Transfer-Encoding', 'chunked']],
      };
      const response = await send(request, endpoint.kind);
      expect(response.status, endpoint.name).toBe(413);
      expect(errorIdOf(response)).toBe('PortalSTS0016');
    }
    countCases('body limit edges', POST_ENDPOINTS.length);
  });
});

describe('parameters: 64', () => {
  const parameters = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, i) => `${prefix}${i}=v`).join('&');

  it.each(POST_ENDPOINTS.map((endpoint) => [endpoint.name, endpoint] as const))(
    '%s: 64 in query and body together are read, 65 are 400 PortalSTS0017',
    async (_name, endpoint) => {
      for (const [inQuery, inBody] of [
        [PARAMETER_LIMIT, 0],
        [0, PARAMETER_LIMIT],
        [30, PARAMETER_LIMIT - 30],
      ] as const) {
        for (const extra of [0, 1]) {
          const query = inQuery + extra > 0 ? `?${parameters(inQuery + extra, 'q')}` : '';
          const body = Buffer.from(parameters(inBody, 'b'));
          const response = await send(formPost(endpoint, body, query), endpoint.kind);
          if (extra === 0) expect(errorIdOf(response), `${inQuery}+${inBody}`).not.toBe('PortalSTS0017');
          else {
            expect(response.status).toBe(400);
            expect(errorIdOf(response), `${inQuery + 1}+${inBody}`).toBe('PortalSTS0017');
          }
          countCases('parameter limit edges', 1);
        }
      }
    },
  );

  it('any number of parameters anywhere: PortalSTS0017 exactly when there are more than 64', async () => {
    const cases = fc.record({
      endpoint: fc.constantFrom(...POST_ENDPOINTS),
      inQuery: fc.integer({ min: 0, max: 150 }),
      inBody: fc.integer({ min: 0, max: 150 }),
      // The same name repeated is still that many parameters (and the count is checked first).
      repeated: fc.boolean(),
    });
    await checkProperty(
      'parameter counts',
      cases,
      async ({ endpoint, inQuery, inBody, repeated }) => {
        const query =
          inQuery > 0 ? `?${parameters(inQuery, repeated ? 'same' : 'q').replace(/same\d+/g, 'same')}` : '';
        const body = Buffer.from(parameters(inBody, repeated ? 'same' : 'b').replace(/same\d+/g, 'same'));
        const response = await send(formPost(endpoint, body, query), endpoint.kind);
        const tooMany = inQuery + inBody > PARAMETER_LIMIT;
        expect(errorIdOf(response) === 'PortalSTS0017', `${inQuery}+${inBody} at ${endpoint.name}`).toBe(
          tooMany,
        );
      },
      runs(150),
    );
  }, 60_000);
});

describe('token size at verify: 8 KB', () => {
  /** A well-formed compact JWS of exactly `length` characters: never valid, only its size differs. */
  const shapedToken = (length: number) => `eyJhbGciOiJSUzI1NiJ9.${'A'.repeat(length - 25)}.AAA`;

  it('a token of 8192 characters is looked at, one of 8193 is inactive unparsed', async () => {
    const verify = POST_ENDPOINTS.find((endpoint) => endpoint.name === 'verify') as Endpoint;
    for (const length of [TOKEN_LIMIT, TOKEN_LIMIT + 1]) {
      const token = shapedToken(length);
      expect(token.length).toBe(length);
      const before = host().dev.logs.length;
      const response = await send(
        formPost({ ...verify, headers: [] }, Buffer.from(`token=${token}`)),
        'verify',
      );
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body.toString('utf8'))).toEqual({ active: false });
      // Why it is inactive is only in the log line: the size check, or a later step.
      const logged = host().dev.logs.slice(before).join('\n');
      expect(logged).toMatch(/token not active \(/);
      expect(logged.includes('token not active (oversized)')).toBe(length > TOKEN_LIMIT);
      countCases('token size edges', 1);
    }
  });

  it('as a Bearer header up to the head limit: inactive; past it, Node 431', async () => {
    for (const length of [TOKEN_LIMIT + 1, 12_000]) {
      const response = await send(
        {
          method: 'GET',
          target: '/contoso/oauth2/v1/verify',
          headers: [['Authorization', `Bearer ${shapedToken(length)}`]],
        },
        'verify',
      );
      expect(JSON.parse(response.body.toString('utf8'))).toEqual({ active: false });
    }
    const huge = await exchange(host().port, {
      method: 'GET',
      target: '/contoso/oauth2/v1/verify',
      headers: [['Authorization', `Bearer ${shapedToken(20_000)}`]],
    });
    expect(huge.status).toBe(431);
    await expectHostAlive();
    countCases('token size edges', 3);
  });

  it('in a form body, a token that makes the body pass 16 KB is 413 PortalSTS0016', async () => {
    const verify = POST_ENDPOINTS.find((endpoint) => endpoint.name === 'verify') as Endpoint;
    const response = await send(
      formPost({ ...verify, headers: [] }, Buffer.from(`token=${shapedToken(BODY_LIMIT)}`)),
      'verify',
    );
    expect(response.status).toBe(413);
    expect(errorIdOf(response)).toBe('PortalSTS0016');
    countCases('token size edges', 1);
  });
});

describe('the dev host itself', () => {
  it('a head over 16 KB (one huge header, or thousands of small ones) is Node 431; the host answers the next request', async () => {
    for (const headers of [
      [['X-Big', 'x'.repeat(17 * 1024)]],
      [['Cookie', `${SESSION_COOKIE}=${'x'.repeat(20 * 1024)}`]],
      Array.from({ length: 3000 }, (_, i): [string, string] => [`X-H${i}`, 'v']),
    ] satisfies Array<Array<[string, string]>>) {
      const response = await exchange(host().port, {
        method: 'GET',
        target: '/_services/auth/token',
        headers,
      });
      expect(response.status).toBe(431);
      await expectHostAlive();
      countCases('host limits', 1);
    }
  });

  it('a body over 10 MiB is the host 413, declared or streamed; the host answers the next request', async () => {
    const body = Buffer.alloc(HOST_BODY_LIMIT + 1, 'a');
    const declared = await exchange(host().port, formPost(POST_ENDPOINTS[0] as Endpoint, body));
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body.toString('utf8'))).toMatchObject({ error: 'payload_too_large' });
    await expectHostAlive();

    const chunked = serializeRequest(
      {
        method: 'POST',
        target: '/_services/auth/token',
        headers: [
          ['Transfer-Encoding', 'chunked'],
          ['Content-Type', 'application/x-www-form-urlencoded'],
        ],
        body: Buffer.concat([
          Buffer.from(`${body.length.toString(16)}\r\n`),
          body,
          Buffer.from('\r\n0\r\n\r\n'),
        ]),
      },
      host().port,
    );
    const streamed = parseResponse(await sendRaw(host().port, chunked), false);
    expect(streamed.status).toBe(413);
    await expectHostAlive();
    countCases('host limits', 2);
  }, 30_000);
});
