import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzHeaders, fuzzRequests, oracleSite, sendFuzzRequest } from './support/fuzz-requests.js';
import { checkProperty, recordOutcome, runs } from './support/fuzz-run.js';
import type { FuzzHost } from './support/fuzz-site.js';
import { fuzzSuite } from './support/fuzz-suite.js';
import { checkResponse, describeOutcome } from './support/oracle.js';
import { exchange } from './support/raw-http.js';
import { FUZZ_ROUTES } from './support/routes.js';
import { asFieldValue, hostileText, longText } from './support/values.js';

/**
 * Values up to ~100 KB in parameters (query and body) and up to the header limit in Cookie,
 * Authorization, Origin and Accept-Language. Past Node's 16 KB head the answer is Node's own 431;
 * past 16 KB of body, PortalSTS0016; either way the host must keep answering.
 */

const { host } = fuzzSuite('huge-values');

const mostlyLong = (min: number, max: number) =>
  fc.oneof({ weight: 3, arbitrary: longText(min, max) }, { weight: 1, arbitrary: hostileText });

/** At most `maxBytes` of UTF-8 (what counts toward Node's head limit), cut at a character. */
function utf8Prefix(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}

/** One header near the limit (up to 12 KB, so the request still reaches the host) or far past it. */
function bigHeaders(host: FuzzHost, maxBytes: number) {
  const big = longText(2000, maxBytes).map((text) => utf8Prefix(text, maxBytes));
  return fc
    .tuple(
      fuzzHeaders(host),
      fc.oneof(
        big.map((text) => ['Cookie', `AppServiceAuthSession=${text}`]),
        big.map((text) => ['Authorization', `Bearer ${text}`]),
        big.map((text) => ['Origin', text]),
        big.map((text) => ['Accept-Language', text]),
        big.map((text) => ['X-MS-CLIENT-PRINCIPAL', text]),
      ),
    )
    .map(
      ([usual, [name = '', value = '']]): Array<[string, string]> => [...usual, [name, asFieldValue(value)]],
    );
}

async function expectHostAlive(): Promise<void> {
  const response = await exchange(host().port, {
    method: 'GET',
    target: '/_services/auth/publickey',
    headers: [],
  });
  expect(response.status, 'the host stopped answering after a huge request').toBe(200);
}

describe('huge values', () => {
  it('in a POST body (up to 40 KB): a documented answer, PortalSTS0016 past 16 KB', async () => {
    const site = oracleSite(host());
    const routes = FUZZ_ROUTES.filter((route) => route.methods.includes('POST'));
    const requests = fuzzRequests(host(), {
      routes,
      values: () => mostlyLong(1000, 40_000),
      maxParams: 4,
    }).map((request) => ({
      ...request,
      method: 'POST',
      params: request.params.map((p) => ({ ...p, inBody: true })),
    }));
    await checkProperty(
      'huge values in the body',
      requests,
      async (request) => {
        const { response, sent } = await sendFuzzRequest(host(), request);
        recordOutcome('huge values in the body', describeOutcome(response));
        checkResponse(response, sent, site);
      },
      runs(120),
    );
  }, 120_000);

  it('in one header, up to 12 KB: the request reaches the host and is answered as documented', async () => {
    const site = oracleSite(host());
    await checkProperty(
      'a header near the limit',
      fuzzRequests(host(), { maxParams: 3, headers: bigHeaders(host(), 12_000) }),
      async (request) => {
        const { response, sent } = await sendFuzzRequest(host(), request);
        recordOutcome('a header near the limit', describeOutcome(response));
        checkResponse(response, sent, site);
      },
      runs(120),
    );
  }, 120_000);

  it('past the head limit (query or a header up to 100 KB): Node 431, and the host keeps answering', async () => {
    const site = oracleSite(host());
    await checkProperty(
      'past the head limit',
      fuzzRequests(host(), {
        values: () => mostlyLong(1000, 100_000),
        maxParams: 4,
        headers: bigHeaders(host(), 100_000),
      }),
      async (request) => {
        const { response, sent } = await sendFuzzRequest(host(), request);
        recordOutcome('past the head limit', describeOutcome(response));
        checkResponse(response, sent, site);
        await expectHostAlive();
      },
      runs(40),
    );
  }, 120_000);
});
