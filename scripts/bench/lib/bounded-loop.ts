export interface LoopLimits {
  /** Stop after this many operations... */
  maxOps: number;
  /** ...or after this long, whichever comes first. */
  maxMs: number;
  /** Operations in flight at once. */
  concurrency: number;
  /**
   * Give the event loop a turn before each operation, as requests arriving over sockets would:
   * without it, operations that finish synchronously chain through microtasks and the loop (timers,
   * I/O) never runs until the whole loop ends.
   */
  yieldEach?: boolean;
}

export interface LoopResult {
  ops: number;
  ms: number;
  opsPerSecond: number;
}

/**
 * Calls `op` from `concurrency` workers until the count or the time cap is reached. Every loop of
 * the benchmark goes through here, so none can run away.
 */
export async function boundedLoop(op: () => Promise<unknown>, limits: LoopLimits): Promise<LoopResult> {
  let started = 0;
  let done = 0;
  const t0 = performance.now();
  const deadline = t0 + limits.maxMs;
  const worker = async () => {
    while (started < limits.maxOps && performance.now() < deadline) {
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
