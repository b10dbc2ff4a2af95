import { describe, expect, it } from 'vitest';
import { oracleSite, sendFuzzRequest } from './support/fuzz-requests.js';
import { checkProperty, recordOutcome, runs } from './support/fuzz-run.js';
import { fuzzSuite } from './support/fuzz-suite.js';
import { sentState, toFuzzRequest } from './support/near-valid.js';
import { checkResponse, describeOutcome } from './support/oracle.js';
import { tokenCases } from './support/token-cases.js';

/**
 * The token endpoints with near-valid requests, mostly signed in, so that hostile state and nonce
 * values meet the rules that keep them out of the response header and the token.
 */

const { host } = fuzzSuite('token');

describe('token endpoints, near-valid requests', () => {
  it('echo exactly the state sent, in a header that cannot be split, and put the nonce sent in the token', async () => {
    const site = oracleSite(host());
    await checkProperty(
      'near-valid token requests',
      tokenCases(host().url),
      async (testCase) => {
        const request = toFuzzRequest(testCase, host().session);
        const { response, sent } = await sendFuzzRequest(host(), request);
        recordOutcome('near-valid token requests', `${testCase.route} ${describeOutcome(response)}`);
        checkResponse(response, sent, site);
        if (response.header('content-type') !== 'application/jwt') return;
        const state = response.header('state');
        // HTTP drops a field value's leading and trailing spaces, so ' s ' comes back as 's'.
        if (state !== undefined)
          expect(state, 'a state header that was not sent').toBe(sentState(request.params)?.trim());
        const claims = JSON.parse(
          Buffer.from(response.body.toString('utf8').split('.')[1] ?? '', 'base64url').toString('utf8'),
        ) as Record<string, unknown>;
        const nonces = request.params.filter((param) => param.name === 'nonce' && param.value !== '');
        expect(claims.nonce).toBe(nonces[0]?.value);
      },
      runs(400),
    );
  }, 120_000);
});
