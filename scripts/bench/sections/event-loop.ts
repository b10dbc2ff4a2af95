import type { HttpHandler } from '@azure/functions';
import type { BenchCertificate } from '../fixtures/certificates.js';
import { boundedLoop } from '../lib/bounded-loop.js';
import { type LoopDelay, withLoopDelay } from '../lib/event-loop.js';
import { alternate } from '../lib/rounds.js';
import { joseSign, nodeSignAsync, nodeSignSync } from '../lib/signers.js';
import { median } from '../lib/stats.js';
import type { Budget } from '../options.js';
import { issueToken, rawSignerFor } from './in-process.js';

export interface EventLoopSide {
  name: string;
  description: string;
  opsPerSecond: number[];
  delays: LoopDelay[];
  medianOpsPerSecond: number;
  /** Medians over the rounds of each round's p50, p99 and max lateness. */
  medianDelay: LoopDelay;
}

export interface EventLoopResult {
  concurrency: number;
  sides: EventLoopSide[];
}

/**
 * Does signing block the event loop? `concurrency` calls in flight, RS256 2048: jose (WebCrypto,
 * whose sign runs as a thread-pool job), crypto.sign without a callback (on the main thread), and
 * crypto.sign with a callback (thread pool), beside the token handler as it is now. Throughput
 * and how late the loop ran a timer, per round, alternating.
 */
export async function runEventLoop(
  handler: HttpHandler,
  certificate: BenchCertificate,
  budget: Budget,
  log: (line: string) => void,
): Promise<EventLoopResult> {
  const { signer, claims } = await rawSignerFor(handler, certificate);
  const concurrency = budget.eventLoopConcurrency;
  const limits = { maxOps: 200_000, maxMs: budget.inProcessSideMs, concurrency, yieldEach: true };
  const candidates = [
    { name: 'jose', description: 'jose SignJWT (WebCrypto subtle.sign)', op: () => joseSign(claims, signer) },
    {
      name: 'sync',
      description: 'crypto.sign, no callback (main thread)',
      op: () => nodeSignSync(claims, signer),
    },
    {
      name: 'callback',
      description: 'crypto.sign with a callback (thread pool)',
      op: () => nodeSignAsync(claims, signer),
    },
    { name: 'handler', description: 'token handler (signToken as committed)', op: () => issueToken(handler) },
  ];
  for (const candidate of candidates) for (let i = 0; i < 200; i++) await candidate.op();
  const results = await alternate(
    candidates.map((candidate) => ({
      name: candidate.name,
      run: async () => {
        const { result, delay } = await withLoopDelay(() => boundedLoop(candidate.op, limits));
        return { opsPerSecond: result.opsPerSecond, delay };
      },
    })),
    budget.inProcessRounds,
    (round, name, value) =>
      log(
        `  round ${round + 1} ${name}: ${Math.round(value.opsPerSecond)}/s, loop late p99 ${value.delay.p99.toFixed(1)} ms`,
      ),
  );
  const sides = candidates.map((candidate): EventLoopSide => {
    const rounds = results.get(candidate.name) ?? [];
    const delays = rounds.map((round) => round.delay);
    return {
      name: candidate.name,
      description: candidate.description,
      opsPerSecond: rounds.map((round) => round.opsPerSecond),
      delays,
      medianOpsPerSecond: median(rounds.map((round) => round.opsPerSecond)),
      medianDelay: {
        p50: median(delays.map((delay) => delay.p50)),
        p99: median(delays.map((delay) => delay.p99)),
        max: median(delays.map((delay) => delay.max)),
      },
    };
  });
  return { concurrency, sides };
}
