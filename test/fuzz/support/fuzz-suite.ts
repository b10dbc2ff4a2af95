import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { FUZZ_SEED, printFuzzSummary, watchProcessFailures } from './fuzz-run.js';
import { type FuzzHost, startFuzzHost } from './fuzz-site.js';

export interface FuzzSuite {
  /** The dev host of this file, started in beforeAll (throws before that, or with `host: false`). */
  host(): FuzzHost;
}

/**
 * What every fuzz file does around its properties: print the seed, start the fuzz host (unless
 * `host: false`), fail any test during which an unhandled rejection or uncaught exception occurred
 * (checked after each test, and once more at the end for one that came late), and when done close
 * the host and print the case summary under `name`. Call it at the top of the file; hooks the file
 * adds after it run after the host has started.
 */
export function fuzzSuite(name: string, options: { host?: boolean } = {}): FuzzSuite {
  const processFailures = watchProcessFailures();
  let started: FuzzHost | undefined;

  beforeAll(async () => {
    console.log(`fuzz seed: ${FUZZ_SEED} (replay with FC_SEED=${FUZZ_SEED}; FC_RUNS sets the run count)`);
    if (options.host !== false) started = await startFuzzHost();
  });

  afterEach(() => {
    expect(processFailures.failures.splice(0), 'unhandled rejections or uncaught exceptions').toEqual([]);
  });

  afterAll(async () => {
    await started?.close();
    processFailures.stop();
    printFuzzSummary(name);
    expect(processFailures.failures, 'unhandled rejections or uncaught exceptions').toEqual([]);
  });

  return {
    host() {
      if (!started) throw new Error(`fuzz ${name}: no host (not started yet, or started with host: false)`);
      return started;
    },
  };
}
