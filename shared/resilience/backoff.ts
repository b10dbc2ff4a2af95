/**
 * How long to leave a failing backend alone: after n consecutive failed loads, no new load starts
 * for initialMs * 2^(n-1), capped at maxMs.
 *
 * No jitter: loads are started by requests, never by timers, and each instance's cache entries
 * expire at times set by its own traffic, so instances do not retry in step. Determinism lets the
 * tests assert exact attempt times.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/** 1 s, 2 s, 4 s ... 30 s: a sick backend sees at most one load per key per interval and instance. */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 30_000 };

/** The wait after `failures` consecutive failures (0 when there were none). */
export function backoffDelayMs(policy: BackoffPolicy, failures: number): number {
  if (failures <= 0) return 0;
  // The exponent is capped so 2 ** n stays finite however long an outage lasts.
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(failures - 1, 30));
}
