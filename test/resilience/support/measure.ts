import { expect } from 'vitest';

/** Real milliseconds a promise takes to settle, and its outcome. */
export async function timed<T>(promise: Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = performance.now();
  try {
    const value = await promise;
    return { ms: performance.now() - started, value };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

/** Measured numbers for the change's report: printed only with RESILIENCE_REPORT=1. */
export function report(what: string, value: number | string): void {
  if (process.env.RESILIENCE_REPORT === '1') {
    process.stderr.write(`[resilience] ${what}: ${typeof value === 'number' ? Math.round(value) : value}\n`);
  }
}

/**
 * With nothing cached and the backend down: the first call fails with 503 `id` and Retry-After,
 * the second at once (the backoff answers without trying the backend again).
 */
export async function expectFailFastInBackoff(call: () => Promise<unknown>, id: string, retryAfter: string) {
  const first = await timed(call());
  expect(first.error).toMatchObject({ id, status: 503, headers: { 'Retry-After': retryAfter } });
  const second = await timed(call());
  expect(second.error).toMatchObject({ id, status: 503 });
  expect(second.ms).toBeLessThan(50);
  return { first, second };
}

/**
 * A call that has a stale value to fall back on and one that has none, timed together while the
 * backend hangs: both answer at the backend's deadline, neither waits much past it.
 */
export async function timedAtDeadline<T>(stale: Promise<T>, failing: Promise<unknown>, deadlineMs: number) {
  const [staleResult, failed] = await Promise.all([timed(stale), timed(failing)]);
  for (const { ms } of [staleResult, failed]) {
    expect(ms).toBeGreaterThanOrEqual(deadlineMs - 100);
    expect(ms).toBeLessThan(deadlineMs + 1_000);
  }
  return { stale: staleResult, failed };
}
