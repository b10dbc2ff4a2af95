import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * How the fuzz properties run: a fresh random seed each run, so every run explores new cases,
 * printed so a red run can be replayed exactly (FC_SEED=<seed> fixes it); a run count per
 * property that FC_RUNS overrides for all of them; and a tally of the cases each property
 * actually ran, printed when the file is done.
 */

/** A whole number from the environment, or undefined when unset; anything else stops the run. */
function envInteger(name: string, check: (n: number) => boolean, what: string): number | undefined {
  const value = process.env[name]?.trim();
  if (!value) return undefined;
  const n = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || !check(n)) throw new Error(`${name} must be ${what}, not '${value}'`);
  return n;
}

/** fast-check's seeds are 32-bit integers. */
const isSeed = (n: number) => n >= -(2 ** 31) && n < 2 ** 31;

export const FUZZ_SEED = envInteger('FC_SEED', isSeed, 'a 32-bit integer') ?? randomInt(0, 2 ** 31 - 1);

/** FC_RUNS, checked once when the file loads: 0 or a negative count would run no case at all. */
const FC_RUNS = envInteger('FC_RUNS', (n) => n >= 1, 'a whole number of at least 1');

/** The run count of a property: its own default, or FC_RUNS for every property when set. */
export function runs(defaultRuns: number): number {
  return FC_RUNS ?? defaultRuns;
}

const tally = new Map<string, number>();

/**
 * fc.assert over an async property, counting the cases it ran (shrinking included). Shrinking is
 * on: a red property reports its smallest counterexample together with the seed and path that
 * replay it (`FC_SEED=<seed>`).
 */
export async function checkProperty<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  numRuns: number,
): Promise<void> {
  tally.set(name, tally.get(name) ?? 0);
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      tally.set(name, (tally.get(name) ?? 0) + 1);
      await predicate(value);
    }),
    { seed: FUZZ_SEED, numRuns },
  );
}

/** Counts the cases of a deterministic table run through the same summary. */
export function countCases(name: string, cases: number): void {
  tally.set(name, (tally.get(name) ?? 0) + cases);
}

const reachedCounts = new Map<string, number>();

/**
 * Counts a case that reached a check behind a condition (only a 200 has claims to check, only a
 * redirect has a target): with expectReached, a property shows its conditional check ran.
 */
export function reached(branch: string): void {
  reachedCounts.set(branch, (reachedCounts.get(branch) ?? 0) + 1);
}

/**
 * Asserts that at least `share` of a property's `numRuns` cases reached the branch. The shares are
 * set well under what the generators give, so any seed passes; with a tiny FC_RUNS the floor may
 * round down to 0.
 */
export function expectReached(branch: string, numRuns: number, share: number): void {
  const count = reachedCounts.get(branch) ?? 0;
  console.log(`fuzz: ${count} cases reached ${branch} (floor ${Math.floor(numRuns * share)})`);
  expect(count, `cases that reached ${branch}, of ${numRuns}`).toBeGreaterThanOrEqual(
    Math.floor(numRuns * share),
  );
}

const outcomes = new Map<string, Map<string, number>>();

/**
 * Records what a case ended in (status, error id...), to show how deep the cases got: a property
 * whose cases all stop at the first check proves little. Printed with FUZZ_VERBOSE=1.
 */
export function recordOutcome(name: string, outcome: string): void {
  const counts = outcomes.get(name) ?? new Map<string, number>();
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  outcomes.set(name, counts);
}

/** One line per property: "fuzz: N cases ran". */
export function printFuzzSummary(file: string): void {
  for (const [name, count] of tally) {
    console.log(`fuzz: ${count} cases ran (${file}: ${name}; seed ${FUZZ_SEED})`);
    const counts = outcomes.get(name);
    if (counts && process.env.FUZZ_VERBOSE === '1') {
      const sorted = [...counts].sort((a, b) => b[1] - a[1]);
      console.log(`  outcomes: ${sorted.map(([outcome, n]) => `${outcome} x${n}`).join(', ')}`);
    }
  }
}

/**
 * Records unhandled rejections and uncaught exceptions while a fuzz file runs. Vitest reports
 * them too, but only as a run error; the files assert there were none, next to the properties.
 */
export function watchProcessFailures(): { failures: string[]; stop(): void } {
  const failures: string[] = [];
  const onRejection = (reason: unknown) => failures.push(`unhandledRejection: ${String(reason)}`);
  const onException = (error: unknown) => failures.push(`uncaughtException: ${String(error)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    failures,
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}
