import { describe, expect, it } from 'vitest';
import { checkProperty, recordOutcome, runs } from './support/fuzz-run.js';
import { fuzzSuite } from './support/fuzz-suite.js';
import { checkHeaderLines } from './support/oracle.js';
import { exchange, parseResponse, sendRaw } from './support/raw-http.js';
import { rawRequests, responseStatuses } from './support/raw-requests.js';

/**
 * Malformed requests at the byte level. Node's parser refuses most of them (400); the rest reach
 * the host. Either way: no 5xx, at most one response per connection (a second one would mean a
 * smuggled request was served), no identity from injected principal headers, and the host keeps
 * answering.
 */

const { host } = fuzzSuite('raw-requests');

describe('malformed requests on the wire', () => {
  it('get one answer under 500 at most, never a token, and leave the host answering', async () => {
    await checkProperty(
      'malformed request bytes',
      rawRequests,
      async ({ bytes }) => {
        // Half-closed after a while: a request that never completes must not hang the test.
        const data = await sendRaw(host().port, bytes, { endAfterMs: 200, timeoutMs: 5000 });
        const statuses = responseStatuses(data);
        const by = data.includes('content-type') ? 'host' : 'parser';
        recordOutcome('malformed request bytes', statuses.length === 0 ? 'closed' : `${statuses[0]} ${by}`);
        expect(statuses.length, 'more than one response on one connection').toBeLessThanOrEqual(1);
        for (const status of statuses) expect(status).toBeLessThan(500);
        if (statuses.length === 1) {
          const response = parseResponse(data, false);
          checkHeaderLines(response);
          expect(response.header('content-type') ?? '', 'a token without a session').not.toMatch(/jwt/);
        }
        const next = await exchange(host().port, {
          method: 'GET',
          target: '/_services/auth/publickey',
          headers: [],
        });
        expect(next.status, 'the host stopped answering').toBe(200);
      },
      runs(250),
    );
  }, 120_000);
});
