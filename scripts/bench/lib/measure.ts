import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Nearest rank, so a reported figure is one that was measured, not an interpolation. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
export const median = (values: readonly number[]) => quantile(values, 0.5);
export const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
/** Per-round ratios a[i]/b[i]: each pair ran back to back, so their ratio is the fairest figure. */
export const pairedRatios = (a: readonly number[], b: readonly number[]) =>
  a.map((value, i) => ratio(value, b[i] ?? Number.NaN));

/** One A-versus-B comparison: both sides per round, the ratio of the medians, the median round ratio. */
export function compare(a: number[], b: number[]) {
  const [aMedian, bMedian] = [median(a), median(b)];
  return { a, b, aMedian, bMedian, ratio: ratio(aMedian, bMedian), pairedRatio: median(pairedRatios(a, b)) };
}

/** Every side once per round (A B A B ...), so a slow spell of the machine hits all sides alike. */
export async function alternate<T>(
  sides: Record<string, () => Promise<T>>,
  rounds: number,
  log: (round: number, name: string, value: T) => void,
): Promise<Record<string, T[]>> {
  const results: Record<string, T[]> = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(sides)) {
      const value = await run();
      results[name]?.push(value);
      log(round, name, value);
    }
  }
  return results;
}

type LoopLimits = { maxOps: number; maxMs: number; concurrency: number; yieldEach?: boolean };

/**
 * Calls `op` from `concurrency` workers until `maxOps` or `maxMs`. `yieldEach` gives the event loop a
 * turn before each call, as requests arriving over sockets would (else timers wait for the whole loop).
 */
export async function boundedLoop(op: () => Promise<unknown>, limits: LoopLimits) {
  let started = 0;
  let done = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < limits.maxOps && performance.now() < t0 + limits.maxMs) {
      started++;
      if (limits.yieldEach) await new Promise<void>((resolve) => setImmediate(resolve));
      await op();
      done++;
    }
  };
  await Promise.all(Array.from({ length: limits.concurrency }, worker));
  const ms = performance.now() - t0;
  return { ops: done, ms, opsPerSecond: (done * 1000) / ms };
}
type Loop = Awaited<ReturnType<typeof boundedLoop>>;
/** What most comparisons record of a loop: its rate. */
export const rate = async (loop: () => Promise<Loop>) => (await loop()).opsPerSecond;

/** Each op in a bounded loop, alternating, after `warmUp` calls each; `record` keeps what a loop gives. */
export async function alternateLoops<R>(
  ops: Record<string, () => Promise<unknown>>,
  budget: { rounds: number; warmUp: number; limits: LoopLimits },
  record: (loop: () => Promise<Loop>) => Promise<R>,
  log: (round: number, name: string, value: R) => void,
): Promise<Record<string, R[]>> {
  for (const op of Object.values(ops)) for (let i = 0; i < budget.warmUp; i++) await op();
  const side = (op: () => Promise<unknown>) => () => record(() => boundedLoop(op, budget.limits));
  const sides = Object.fromEntries(Object.entries(ops).map(([name, op]) => [name, side(op)]));
  return alternate(sides, budget.rounds, log);
}

const RESOLUTION_MS = 2;

/** Runs `work` sampling how late the loop ran a timer (beyond its interval): how long it was blocked. */
export async function withLoopDelay<T>(work: () => Promise<T>) {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  try {
    const result = await work();
    // One more timer turn, so a block that lasted until the end of the work is recorded too.
    await new Promise((resolve) => setTimeout(resolve, 2 * RESOLUTION_MS));
    const late = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
    const percentile = (p: number) => late(histogram.percentile(p));
    return { result, delay: { p50: percentile(50), p99: percentile(99), max: late(histogram.max) } };
  } finally {
    histogram.disable();
  }
}
