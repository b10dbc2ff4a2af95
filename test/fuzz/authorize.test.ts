import { beforeAll, describe, expect, it } from 'vitest';
import { authorizeCases } from './support/authorize-cases.js';
import { oracleSite } from './support/fuzz-requests.js';
import { checkProperty, expectReached, reached, recordOutcome, runs } from './support/fuzz-run.js';
import { fuzzSuite } from './support/fuzz-suite.js';
import { sentState, toFuzzRequest } from './support/near-valid.js';
import { checkResponse, describeOutcome, type OracleSite } from './support/oracle.js';
import { exchange, type RawResponse } from './support/raw-http.js';
import { toRawRequest } from './support/requests.js';

/**
 * The authorize endpoints with requests that are valid but for a few changes, signed in or not:
 * the answers that carry tokens and echo state (redirects, the form_post page) are where a
 * reflected value, an open redirect or a token sent to the wrong place would be.
 */

let site: OracleSite;
const { host } = fuzzSuite('authorize');

/**
 * Floors on the cases that reach each conditional check: the form_post page (about 17% of cases),
 * an echoed state (about 50%). Set at a third to a half of that, so any seed passes.
 */
const SHARE_FORM_POST = 0.06;
const SHARE_ECHOED_STATE = 0.25;

beforeAll(async () => {
  site = oracleSite(host());
});

const decodeEntities = (text: string) =>
  text.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)));

/** The response parameters the client receives: in the fragment or query of Location, or the form_post inputs. */
function responseFields(response: RawResponse): { target: string; fields: URLSearchParams } | undefined {
  const location = response.header('location');
  if (location !== undefined && !location.startsWith('/')) {
    const [beforeFragment = '', fragment] = location.split('#');
    const query = beforeFragment.includes('?') ? beforeFragment.slice(beforeFragment.indexOf('?') + 1) : '';
    return { target: location, fields: new URLSearchParams(fragment ?? query) };
  }
  const html = response.body.toString('utf8');
  const action = /<form method="post" action="([^"]*)">/.exec(html)?.[1];
  if (action === undefined) return undefined;
  const fields = new URLSearchParams();
  for (const input of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.append(decodeEntities(input[1] ?? ''), decodeEntities(input[2] ?? ''));
  }
  return { target: decodeEntities(action), fields };
}

describe('authorize, near-valid requests', () => {
  it('redirects only to registered URIs, echoes only the state sent, escapes every reflected value', async () => {
    const numRuns = runs(400);
    await checkProperty(
      'near-valid authorize requests',
      authorizeCases(host().url),
      async (testCase) => {
        const request = toFuzzRequest(testCase, host().session);
        const response = await exchange(host().port, toRawRequest(request));
        recordOutcome('near-valid authorize requests', `${testCase.route} ${describeOutcome(response)}`);
        checkResponse(
          response,
          { method: request.method, kind: 'authorize', routed: true, origin: undefined },
          site,
        );

        const answer = responseFields(response);
        if (!answer) return;
        if (response.status === 200) {
          reached('authorize: the form_post page');
          expect(site.redirectTargets).toContain(answer.target);
        }
        const echoed = answer.fields.getAll('state');
        expect(echoed.length).toBeLessThanOrEqual(1);
        if (echoed[0] !== undefined) {
          reached('authorize: an echoed state');
          expect(echoed[0], 'an echoed state that was not sent').toBe(sentState(request.params));
        }
      },
      numRuns,
    );
    expectReached('authorize: the form_post page', numRuns, SHARE_FORM_POST);
    expectReached('authorize: an echoed state', numRuns, SHARE_ECHOED_STATE);
  }, 120_000);
});
