import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF } from '../../shared/resilience/backoff.js';
import { ResilientCache } from '../../shared/resilience/resilient-cache.js';
import { fakeBackend, recordingLog, settle } from './support/fake-backend.js';

const TTL_MS = 30_000;
const STALE_MS = 3_600_000;

let clock: { now: number };
let backend: ReturnType<typeof fakeBackend>;
let logs: ReturnType<typeof recordingLog>;

function cache(
  overrides: {
    ttlMs?: number;
    maxEntries?: number;
    maxNegativeEntries?: number;
    isNegative?: (value: string) => boolean;
  } = {},
) {
  return new ResilientCache<string, string>({
    load: backend.load,
    ttlMs: overrides.ttlMs ?? TTL_MS,
    staleIfErrorMs: STALE_MS,
    backoff: DEFAULT_BACKOFF,
    describe: (key) => `key '${key}'`,
    failure: (cause, retryInMs) => ({ cause, retryInMs }),
    maxEntries: overrides.maxEntries,
    maxNegativeEntries: overrides.maxNegativeEntries,
    isNegative: overrides.isNegative,
    now: () => clock.now,
    log: logs.log,
  });
}

beforeEach(() => {
  clock = { now: 0 };
  backend = fakeBackend(clock);
  logs = recordingLog();
});

/** A cache of at most 3 values and, apart from them, 2 negative ones ('none'). */
function boundedCache(load: (key: string) => Promise<string>): ResilientCache<string, string> {
  return new ResilientCache<string, string>({
    load,
    ttlMs: TTL_MS,
    staleIfErrorMs: STALE_MS,
    backoff: DEFAULT_BACKOFF,
    describe: String,
    isNegative: (value) => value === 'none',
    maxEntries: 3,
    maxNegativeEntries: 2,
  });
}

describe('ResilientCache: single flight and TTL', () => {
  it('makes one backend call for 100 concurrent misses, and none while fresh', async () => {
    const values = cache();
    const results = await Promise.all(Array.from({ length: 100 }, () => values.get('a')));
    expect(new Set(results)).toEqual(new Set(['value-1']));
    clock.now = TTL_MS - 1;
    for (let i = 0; i < 1000; i++) await values.get('a');
    expect(backend.calls).toEqual([0]);
  });

  it('refreshes exactly at the TTL, and a healthy refresh is awaited (a change shows at once)', async () => {
    const values = cache();
    await values.get('a');
    clock.now = TTL_MS;
    await expect(values.get('a')).resolves.toBe('value-2');
    expect(backend.calls).toEqual([0, TTL_MS]);
  });

  it('with a TTL of 0 calls the backend on every get, still once for concurrent gets', async () => {
    const values = cache({ ttlMs: 0 });
    await values.get('a');
    await values.get('a');
    await Promise.all([values.get('a'), values.get('a'), values.get('a')]);
    expect(backend.calls).toHaveLength(3);
  });

  it('keeps at most maxEntries keys, dropping the least recently used', async () => {
    const values = cache({ maxEntries: 2 });
    for (const key of ['a', 'b', 'a', 'c', 'a', 'b']) await values.get(key);
    // 'a', used again before 'c' came, stayed; 'b' was dropped for 'c' and is read again.
    expect(backend.calls).toHaveLength(4);
  });

  it('keeps negative values apart, in their own bound: they never push out a value', async () => {
    const keys: string[] = [];
    const values = boundedCache(async (key) => {
      keys.push(key);
      return key.startsWith('real') ? `value of ${key}` : 'none';
    });
    for (const key of ['real-1', 'real-2', 'real-3']) await values.get(key);
    for (let i = 0; i < 100; i++) await values.get(`unknown-${i}`);
    for (const key of ['real-1', 'real-2', 'real-3', 'unknown-98', 'unknown-99']) await values.get(key);
    expect(keys).toHaveLength(103);
    await values.get('unknown-97');
    expect(keys).toHaveLength(104);
  });

  it('keeps a value whose first load was evicted by a flood of others while it ran', async () => {
    let release = (_value: string) => {};
    let calls = 0;
    const values = boundedCache((key) => {
      calls++;
      if (key !== 'slow') return Promise.resolve('none');
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    });
    const slow = values.get('slow');
    for (let i = 0; i < 10; i++) await values.get(`unknown-${i}`);
    release('found');
    await expect(slow).resolves.toBe('found');
    await expect(values.get('slow')).resolves.toBe('found');
    expect(calls).toBe(11);
  });

  it('treats a load that throws synchronously like any failure', async () => {
    const values = new ResilientCache<string, string>({
      load: () => {
        throw new Error('sync');
      },
      ttlMs: TTL_MS,
      staleIfErrorMs: STALE_MS,
      backoff: DEFAULT_BACKOFF,
      describe: String,
    });
    await expect(values.get('a')).rejects.toThrow('sync');
    await expect(values.get('a')).rejects.toThrow('sync');
  });
});

describe('ResilientCache: stale if error, with backoff', () => {
  it('serves the last good value when a refresh fails: one call and one warning for 50 waiters', async () => {
    const values = cache();
    await values.get('a');
    backend.setMode('fail');
    clock.now = TTL_MS;
    const results = await Promise.all(Array.from({ length: 50 }, () => values.get('a')));
    expect(new Set(results)).toEqual(new Set(['value-1']));
    expect(backend.calls).toEqual([0, TTL_MS]);
    expect(logs.at('warn')).toHaveLength(1);
    expect(logs.at('warn')[0]?.message).toBe(
      "key 'a': refresh failed (Error(ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:1); serving the last " +
        'good value for at most 3600 s more; next attempt in 1 s',
    );
  });

  it('during a 60 s outage with a request every 100 ms: 6 backend calls at 0, 1, 3, 7, 15 and 31 s', async () => {
    const values = cache();
    await values.get('a');
    backend.setMode('fail');
    const served = new Set<string>();
    for (let t = TTL_MS; t <= TTL_MS + 60_000; t += 100) {
      clock.now = t;
      served.add(await values.get('a'));
      await settle();
    }
    expect(served).toEqual(new Set(['value-1']));
    const outageCalls = backend.calls.slice(1).map((t) => (t - TTL_MS) / 1000);
    expect(outageCalls).toEqual([0, 1, 3, 7, 15, 31]);
    // 601 requests, 6 warnings: one per failed refresh, none per request.
    expect(logs.at('warn')).toHaveLength(6);
  });

  it('with nothing cached, fails at once during the backoff with the time left, and calls nothing', async () => {
    const values = cache();
    backend.setMode('fail');
    await expect(values.get('a')).rejects.toMatchObject({ retryInMs: 1_000 });
    clock.now = 400;
    await expect(values.get('a')).rejects.toMatchObject({ retryInMs: 600 });
    expect(backend.calls).toEqual([0]);
    clock.now = 1_000;
    await expect(values.get('a')).rejects.toMatchObject({ retryInMs: 2_000 });
    expect(backend.calls).toEqual([0, 1_000]);
    // Nothing stale was served, so nothing to warn about: each request's 503 is logged by the endpoint.
    expect(logs.lines).toEqual([]);
  });
});
