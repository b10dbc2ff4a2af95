import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF } from '../../shared/resilience/backoff.js';
import { ResilientCache } from '../../shared/resilience/resilient-cache.js';
import { fakeBackend, recordingLog, settle } from './support/fake-backend.js';

const TTL_MS = 30_000;
const STALE_MS = 3_600_000;

let clock: { now: number };
let backend: ReturnType<typeof fakeBackend>;
let logs: ReturnType<typeof recordingLog>;
let values: ResilientCache<string, string>;

beforeEach(async () => {
  clock = { now: 0 };
  backend = fakeBackend(clock);
  logs = recordingLog();
  values = new ResilientCache<string, string>({
    load: backend.load,
    ttlMs: TTL_MS,
    staleIfErrorMs: STALE_MS,
    backoff: DEFAULT_BACKOFF,
    describe: (key) => `key '${key}'`,
    now: () => clock.now,
    log: logs.log,
  });
  await values.get('a');
});

/** Whether a get answers before the backend does: it must not wait on a hung call. */
async function answersWithoutWaiting(promise: Promise<string>): Promise<string | 'waiting'> {
  const result = await Promise.race([promise, settle().then(() => 'waiting' as const)]);
  return result;
}

describe('ResilientCache: the end of an outage', () => {
  it('stops serving the stale value exactly at TTL + staleIfError, saying so once', async () => {
    backend.setMode('fail');
    clock.now = TTL_MS + STALE_MS - 1;
    await expect(values.get('a')).resolves.toBe('value-1');
    await settle();
    clock.now = TTL_MS + STALE_MS;
    await expect(values.get('a')).rejects.toThrow('ECONNREFUSED');
    await expect(values.get('a')).rejects.toThrow('ECONNREFUSED');
    expect(logs.at('error')).toHaveLength(1);
    expect(logs.at('error')[0]?.message).toContain('past its stale-if-error bound (3600 s after its TTL)');
  });

  it('recovers without a restart: the first call after the backoff replaces the stale value', async () => {
    backend.setMode('fail');
    clock.now = TTL_MS;
    await values.get('a');
    backend.setMode('ok');
    clock.now = TTL_MS + 999;
    await expect(values.get('a')).resolves.toBe('value-1');
    expect(backend.calls).toHaveLength(2);
    clock.now = TTL_MS + 1_000;
    // This request still gets the stale value (the backend was failing: nobody waits on it)...
    await expect(values.get('a')).resolves.toBe('value-1');
    await settle();
    // ...and the next one the fresh value, which is fresh for a full TTL.
    await expect(values.get('a')).resolves.toBe('value-2');
    expect(backend.calls).toHaveLength(3);
    expect(logs.at('info').map((l) => l.message)).toEqual([
      "key 'a': the backend answers again after 1 failed attempt(s)",
    ]);
    // The backoff starts over: the next outage is retried after 1 s again.
    backend.setMode('fail');
    clock.now += TTL_MS;
    await values.get('a');
    expect(logs.at('warn').at(-1)?.message).toContain('next attempt in 1 s');
  });

  it('a hung backend delays only the requests of the first failing refresh', async () => {
    backend.setMode('hang');
    clock.now = TTL_MS;
    const first = values.get('a');
    expect(await answersWithoutWaiting(first)).toBe('waiting');
    backend.timeOutHungCalls();
    await expect(first).resolves.toBe('value-1');
    // From now on the backend is known to be failing: refreshes run in the background.
    clock.now = TTL_MS + 1_000;
    expect(await answersWithoutWaiting(values.get('a'))).toBe('value-1');
    expect(await answersWithoutWaiting(values.get('a'))).toBe('value-1');
    expect(backend.calls).toHaveLength(3);
    backend.timeOutHungCalls();
    await settle();
    expect(logs.at('warn')).toHaveLength(2);
  });

  it('never puts a stack trace or a secret in a log line', async () => {
    const leaky = new ResilientCache<string, string>({
      load: async (key) => {
        if (clock.now === 0) return `ok-${key}`;
        throw new Error(
          '403 AuthenticationFailed for https://acct.table.core.windows.net/?sv=2020&sig=abc123secret',
        );
      },
      ttlMs: TTL_MS,
      staleIfErrorMs: STALE_MS,
      backoff: DEFAULT_BACKOFF,
      describe: (key) => key,
      now: () => clock.now,
      log: logs.log,
    });
    await leaky.get('b');
    clock.now = TTL_MS;
    await leaky.get('b');
    const line = logs.at('warn')[0]?.message ?? '';
    expect(line).toContain('[redacted]');
    expect(line).not.toContain('abc123secret');
    expect(line).not.toMatch(/\n\s+at /);
  });
});
