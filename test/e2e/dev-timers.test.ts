import { fileURLToPath } from 'node:url';
import { app } from '@azure/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { clearFunctionRegistry } from '../../dev/functions-core.js';
import { startDevHost } from '../../dev/host.js';
import { startTestDevHost } from '../support/dev-host.js';

const TIMERS = fileURLToPath(new URL('../fixtures/dev-timer-functions.ts', import.meta.url));

afterEach(() => clearFunctionRegistry());

async function waitFor(condition: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('timer functions in the dev host', () => {
  it('runs app.timer registrations on schedule; a failing one logs one redacted line and the host keeps going', async () => {
    const dev = await startTestDevHost({ functionModules: [TIMERS] });
    try {
      const ticks = () => dev.logs.filter((line) => line.includes('fixture-every-second information: tick'));
      const failures = () => dev.logs.filter((line) => line.includes('fixture-fails error'));
      await waitFor(() => ticks().length >= 2 && failures().length >= 2, 8_000);
      expect(ticks()[0]).toMatch(/tick fixture-every-second pastDue=false last=\d{4}-\d\d-\d\dT/);
      expect(failures().length).toBeGreaterThanOrEqual(2);
      expect(failures()[0]).toMatch(
        /fixture-fails error: timer failed: Error: refresh failed with \[redacted\]$/,
      );
      expect(dev.logs.join('\n')).not.toContain('eyJhbGciOiJSUzI1NiJ9');
      expect(dev.logs.join('\n')).not.toMatch(/\n\s+at /);
      expect((await fetch(`${dev.url}/.auth/me`)).status).toBe(200);
    } finally {
      await dev.close();
    }
  });

  it('fails at start on a schedule it cannot run, naming the function and the schedule', async () => {
    app.timer('nightly-names', { schedule: '0 0 2 * * MON-FRI', handler: () => {} });
    await expect(startDevHost({ port: 0, functionModules: [], logSink: () => {} })).rejects.toThrow(
      'function "nightly-names": schedule "0 0 2 * * MON-FRI": weekday "MON-FRI" is not *, */n or numbers from 0 to 6',
    );
  });

  it.each(['items/{id?}', 'items/{id:int}', 'files/{*path}'])(
    'fails at start on the route template %j, naming the function and the template',
    async (route) => {
      app.http('fancy-route', { route, handler: () => ({}) });
      await expect(startDevHost({ port: 0, functionModules: [], logSink: () => {} })).rejects.toThrow(
        `function "fancy-route": route template "${route}"`,
      );
    },
  );
});
