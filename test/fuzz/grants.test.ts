import { describe, expect, it } from 'vitest';
import { oracleSite, sendFuzzRequest } from './support/fuzz-requests.js';
import { checkProperty, expectReached, reached, recordOutcome, runs } from './support/fuzz-run.js';
import { fuzzSuite } from './support/fuzz-suite.js';
import { grantBase, grantCases, mustSucceed } from './support/grant-cases.js';
import { toFuzzRequest } from './support/near-valid.js';
import { checkResponse, describeOutcome } from './support/oracle.js';

/**
 * The code and refresh token grants with near-valid requests: every answer is RFC 6749 5.2 JSON or
 * tokens, never cached, never the Power Pages document, never a 5xx; an unchanged valid request
 * gets tokens.
 */

const { host } = fuzzSuite('grants');
// Floors well under what the generator gives (about 1 in 7 cases is real and unchanged).
const SHARE_TOKENS = 0.04;
const SHARE_INVALID_GRANT = 0.1;

describe('token endpoint, grant requests', () => {
  it('answer OAuth JSON or tokens, never cached, and honour an unchanged valid grant', async () => {
    const site = oracleSite(host());
    const numRuns = runs(200);
    await checkProperty(
      'near-valid grant requests',
      grantCases(host().url),
      async (testCase) => {
        const base = await grantBase(host(), testCase);
        const request = toFuzzRequest({ ...testCase.request, base }, host().session);
        const { response, sent } = await sendFuzzRequest(host(), request);
        const outcome = describeOutcome(response);
        recordOutcome('near-valid grant requests', `${testCase.grantType} ${outcome}`);
        checkResponse(response, sent, site);
        // Without a grant_type left, the route answers as Power Pages' token endpoint (checked above).
        if (!request.params.some((param) => param.name === 'grant_type' && param.value !== '')) return;
        expect(response.header('cache-control'), `${outcome} may be cached`).toBe('no-store');
        const body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
        if (mustSucceed(testCase)) expect(response.status, `a valid grant got ${outcome}`).toBe(200);
        // checkResponse has checked the tokens' shape (oracle.ts, checkGrantTokens).
        if (response.status === 200) {
          reached('grants: tokens issued');
          return;
        }
        expect(Object.keys(body), `${outcome} is not RFC 6749 5.2 JSON`).toEqual([
          'error',
          'error_description',
        ]);
        if (body.error === 'invalid_grant') reached('grants: invalid_grant');
      },
      numRuns,
    );
    expectReached('grants: tokens issued', numRuns, SHARE_TOKENS);
    expectReached('grants: invalid_grant', numRuns, SHARE_INVALID_GRANT);
  }, 240_000);
});
