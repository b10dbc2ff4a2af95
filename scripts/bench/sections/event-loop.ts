import { issueToken } from '../fixtures/site.js';
import { alternateLoops, median, withLoopDelay } from '../lib/measure.js';
import { type Bench, fixed, int, list, type SectionReport, table } from '../lib/report.js';
import { joseSign, nodeSignAsync, nodeSignSync } from '../lib/signers.js';
import { rawSignerFor } from './in-process.js';

const CONCURRENCY = 64;
const SYNC = 'crypto.sign, no callback (main thread)';

/** Does signing block the event loop? Also sets one synchronous signature's time, for the HTTP section. */
export async function runEventLoop(b: Bench): Promise<SectionReport> {
  const { signer, claims } = await rawSignerFor(b.tokenHandler, b.rsa2048);
  const ops = {
    'jose SignJWT (WebCrypto subtle.sign)': () => joseSign(claims, signer),
    [SYNC]: () => nodeSignSync(claims, signer),
    'crypto.sign with a callback (thread pool)': () => nodeSignAsync(claims, signer),
    'token handler (signToken as committed)': () => issueToken(b.tokenHandler),
  };
  const limits = { maxOps: 200_000, maxMs: b.sideMs, concurrency: CONCURRENCY, yieldEach: true };
  const budget = { rounds: b.rounds, warmUp: 200, limits };
  const results = await alternateLoops(ops, budget, withLoopDelay, (round, name, { result, delay }) =>
    b.log(
      `  round ${round + 1} ${name}: ${Math.round(result.opsPerSecond)}/s, loop late p99 ${delay.p99.toFixed(1)} ms`,
    ),
  );
  const rates = (name: string) => (results[name] ?? []).map((round) => round.result.opsPerSecond);
  const rows = Object.entries(results).map(([name, rounds]) => {
    const late = (key: 'p50' | 'p99' | 'max') => fixed(median(rounds.map((round) => round.delay[key])), 1);
    return [name, int(median(rates(name))), late('p50'), late('p99'), late('max'), list(rates(name))];
  });
  const markdown = `## Asynchronous signing and the event loop

Does signing block the event loop? jose 6 signs with WebCrypto (\`crypto.subtle.sign\`) on libuv's
thread pool; \`crypto.sign\` signs on the main thread, or with a callback on the thread pool.
${CONCURRENCY} calls in flight, RSA 2048, the same claims, each first yielding to the loop as socket requests do.
Lateness: what \`monitorEventLoopDelay\` recorded beyond its 2 ms interval (how long a timer waited).

${table('signer|per second (median)|loop late p50 (ms)|p99 (ms)|max (ms)|per round', rows)}

The thread pool buys a free loop (a server signing synchronously answers nothing meanwhile), hence
the callback in shared/token/sign-token.ts; its rate gains only as much as the second vCPU is free
(two signing processes / one: ${fixed(b.scale)}), so the thread-pool rows vary more.
`;
  b.signatureMs = 1000 / median(rates(SYNC));
  return { markdown };
}
