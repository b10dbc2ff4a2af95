import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopDelay {
  /** How late the event loop ran a timer, in ms: median, 99th percentile, worst. */
  p50: number;
  p99: number;
  max: number;
}

const RESOLUTION_MS = 2;

/**
 * Runs `work` while sampling event-loop delay. Node's histogram records the interval between its
 * timer's runs, so the resolution is subtracted: what is left is how long other callbacks (say,
 * a signature computed on the main thread) kept the loop from running the timer.
 */
export async function withLoopDelay<T>(work: () => Promise<T>): Promise<{ result: T; delay: LoopDelay }> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  try {
    const result = await work();
    // One more timer turn, so a block that lasted until the end of the work is recorded too.
    await new Promise((resolve) => setTimeout(resolve, 2 * RESOLUTION_MS));
    histogram.disable();
    const late = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
    return {
      result,
      delay: {
        p50: late(histogram.percentile(50)),
        p99: late(histogram.percentile(99)),
        max: late(histogram.max),
      },
    };
  } finally {
    histogram.disable();
  }
}
