import { describe, it } from 'vitest';
import { fuzzRequests, oracleSite, sendFuzzRequest } from './support/fuzz-requests.js';
import { checkProperty, recordOutcome, runs } from './support/fuzz-run.js';
import { fuzzSuite } from './support/fuzz-suite.js';
import { checkResponse, describeOutcome } from './support/oracle.js';
import { FUZZ_ROUTES } from './support/routes.js';

/**
 * Every endpoint over HTTP on the dev host, with any method, parameters (known names with
 * plausible and hostile values, random names, repeats, raw percent garbage, in the query, the body
 * or both), any content type with a matching or mismatching body, and any cookies, Authorization,
 * Origin and client-sent principal headers. The oracle (support/oracle.ts) says what every
 * response must be.
 */

const { host } = fuzzSuite('endpoints');

describe('every endpoint, any request', () => {
  it('answers without a 5xx, with a documented response, no injected header, no raw marker in HTML', async () => {
    const site = oracleSite(host());
    await checkProperty(
      'any request to any route',
      fuzzRequests(host()),
      async (request) => {
        const { response, sent } = await sendFuzzRequest(host(), request);
        recordOutcome('any request to any route', `${request.route.name} ${describeOutcome(response)}`);
        checkResponse(response, sent, site);
      },
      runs(600),
    );
  }, 120_000);

  it.each(FUZZ_ROUTES.map((route) => [route.name, route] as const))(
    '%s: any request answers as documented',
    async (_name, route) => {
      const site = oracleSite(host());
      await checkProperty(
        `route ${route.name}`,
        fuzzRequests(host(), { routes: [route] }),
        async (request) => {
          const { response, sent } = await sendFuzzRequest(host(), request);
          recordOutcome(`route ${route.name}`, describeOutcome(response));
          checkResponse(response, sent, site);
        },
        runs(60),
      );
    },
    60_000,
  );
});
