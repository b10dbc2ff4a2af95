import { afterAll, beforeAll } from 'vitest';
import { FUZZ_SEED, printFuzzSummary, watchProcessFailures } from './fuzz-run.js';
import { type FuzzHost, startFuzzHost } from './fuzz-site.js';

export interface FuzzSuite {
  /** The dev host of this file, started in beforeAll (throws before that, or with `host: false`). */
  host(): FuzzHost;
  /** Unhandled rejections and uncaught exceptions seen while the file runs; each file asserts none. */
  processFailures: ReturnType<typeof watchProcessFailures>;
}

/**
 * What every fuzz file does around its properties: watch for process failures, print the seed,
 * start the fuzz host (unless `host: false`), and when done close it and print the case summary
 * under `name`. Call it at the top of the file; hooks the file adds after it run after the host
 * has started.
 */
export function fuzzSuite(name: string, options: { host?: boolean } = {}): FuzzSuite {
  const processFailures = watchProcessFailures();
  let started: FuzzHost | undefined;

  beforeAll(async () => {
    console.log(`fuzz: seed ${FUZZ_SEED} (set FC_SEED to change, FC_RUNS to change the run count)`);
    if (options.host !== false) started = await startFuzzHost();
  });

  afterAll(async () => {
    await started?.close();
    processFailures.stop();
    printFuzzSummary(name);
  });

  return {
    host() {
      if (!started) throw new Error(`fuzz ${name}: no host (not started yet, or started with host: false)`);
      return started;
    },
    processFailures,
  };
}
