import type { HttpHandler } from '@azure/functions';
import type { BenchCertificate } from '../fixtures/certificates.js';
import { issueToken } from '../fixtures/site.js';
import { fixed, int, list, type SectionReport, table } from '../lib/format.js';
import { alternate, boundedLoop, median, withLoopDelay } from '../lib/measure.js';
import { joseSign, nodeSignAsync, nodeSignSync } from '../lib/signers.js';
import { rawSignerFor } from './in-process.js';

const CONCURRENCY = 64;

/** Does signing block the event loop? Also one synchronous signature's time, for the HTTP section. */
export async function runEventLoop(
  handler: HttpHandler,
  certificate: BenchCertificate,
  budget: { rounds: number; sideMs: number },
  parallelScale: number,
  log: (line: string) => void,
): Promise<SectionReport & { signatureMs: number }> {
  const { signer, claims } = await rawSignerFor(handler, certificate);
  const sides = {
    'jose SignJWT (WebCrypto subtle.sign)': () => joseSign(claims, signer),
    'crypto.sign, no callback (main thread)': () => nodeSignSync(claims, signer),
    'crypto.sign with a callback (thread pool)': () => nodeSignAsync(claims, signer),
    'token handler (signToken as committed)': () => issueToken(handler),
  };
  for (const op of Object.values(sides)) for (let i = 0; i < 200; i++) await op();
  const limits = { maxOps: 200_000, maxMs: budget.sideMs, concurrency: CONCURRENCY, yieldEach: true };
  const runs = Object.fromEntries(
    Object.entries(sides).map(([name, op]) => [name, () => withLoopDelay(() => boundedLoop(op, limits))]),
  );
  const results = await alternate(runs, budget.rounds, (round, name, { result, delay }) =>
    log(
      `  round ${round + 1} ${name}: ${Math.round(result.opsPerSecond)}/s, loop late p99 ${delay.p99.toFixed(1)} ms`,
    ),
  );
  const summary = Object.entries(results).map(([name, rounds]) => {
    const rates = rounds.map((round) => round.result.opsPerSecond);
    const late = (key: 'p50' | 'p99' | 'max') => median(rounds.map((round) => round.delay[key]));
    return { name, rates, rate: median(rates), p50: late('p50'), p99: late('p99'), max: late('max') };
  });
  const [jose, sync, callback] = summary as [(typeof summary)[0], (typeof summary)[0], (typeof summary)[0]];
  const rows = summary.map(
    (s) =>
      `| ${s.name} | ${int(s.rate)} | ${fixed(s.p50, 1)} | ${fixed(s.p99, 1)} | ${fixed(s.max, 1)} | ${list(s.rates)} |`,
  );
  const markdown = `## Asynchronous signing and the event loop

Does signing block the event loop? jose 6 on Node signs with WebCrypto (\`crypto.subtle.sign\`,
node_modules/jose/dist/webapi/lib/jws_sign.js), which Node runs on libuv's thread pool: jose already
freed the loop, and its cost was the main-thread work around the signature (section 1).
\`crypto.sign(alg, data, key)\` without a callback signs on the main thread; with a callback, on the
thread pool. ${CONCURRENCY} calls in flight, RSA 2048, the same claims; each call first yields to the event loop,
as requests arriving on sockets do. Lateness is what \`perf_hooks.monitorEventLoopDelay\` recorded
beyond its 2 ms interval: how long a timer, or a socket's data, waited for the loop.

${table('signer|per second (median)|loop late p50 (ms)|p99 (ms)|max (ms)|per round', rows)}

Synchronous signing kept timers (and so sockets) waiting ${fixed(sync.p50, 1)} ms at the median and
${fixed(sync.p99, 1)} ms at p99; with the thread pool the loop ran ${fixed(callback.p50, 1)} ms (callback) and
${fixed(jose.p50, 1)} ms (jose) late at the median. Throughput: ${int(callback.rate)}/s with the callback,
${int(jose.rate)}/s with jose, ${int(sync.rate)}/s synchronous.

At the start of this run two processes signing at once reached ${fixed(parallelScale)} times one process's rate (see
Machine): the second vCPU adds signing capacity only when other work leaves it free, which is why the
thread-pool rows vary more than the synchronous one. What the thread pool buys is a free loop: a
server signing synchronously answers nothing else meanwhile. shared/token/sign-token.ts uses
\`crypto.sign\` with a callback.
`;
  return { markdown, signatureMs: 1000 / sync.rate };
}
