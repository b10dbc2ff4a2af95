import { fixed, int, list, table, verdict } from '../lib/format.js';
import type { InProcessResult } from '../sections/in-process.js';
import { IN_PROCESS_TARGET } from './targets.js';

export function renderInProcess(result: InProcessResult, roundMs: number): string {
  const rows = result.byConcurrency.map(({ concurrency, handlerVsJose: c }) => [
    String(concurrency),
    int(c.aMedian),
    int(c.bMedian),
    fixed(c.ratio),
    fixed(c.pairedRatio),
    `${verdict(c.ratio >= IN_PROCESS_TARGET)}`,
    list(c.a),
    list(c.b),
  ]);
  return `## 1. In-process: the token handler against raw jose signing

\`tokenHandler\` from functions/token.ts is called directly, as the Functions host calls it: a
\`new HttpRequest(...)\` per call (from the default export of '@azure/functions') carrying the Easy Auth
principal headers, \`WEBSITE_AUTH_ENABLED=True\`, and an InvocationContext whose logHandler drops the
lines. Its caches are warm (site settings in Azurite, the certificate from the local folder). The
other side is jose's \`SignJWT\` with the same key (RSA 2048), the same protected header and the
claims decoded from a token the handler issued. Each side runs ${roundMs} ms per round; the rounds
alternate handler, jose, handler, jose, ...

Target: the handler reaches at least ${IN_PROCESS_TARGET} of raw signing (ratio of the medians).

${table(
  [
    'in flight',
    'handler tokens/s (median)',
    'jose tokens/s (median)',
    'ratio of medians',
    'median of round ratios',
    'target',
    'handler, per round',
    'jose, per round',
  ],
  rows,
)}

A token is ${result.tokenBytes} bytes.

What the profile showed (\`npm run bench:profile\`, which runs this loop under \`node --cpu-prof\` and
prints the heaviest functions): before this change the handler reached 0.79-0.86 of raw jose with one
call in flight. Beside the RSA signature (on the thread pool, so the main thread is idle), the main
thread's time went to jose's own work per token (its claims builder's \`structuredClone\`, header
checks, WebCrypto's argument conversion before \`subtle.sign\`), to building the \`HttpRequest\` (the
host's cost, not the handler's) and to reading the principal header. shared/token/sign-token.ts now
builds the JWS itself and signs with \`crypto.sign\` and a callback; the tokens are the same bytes
jose produces (test/unit/sign-token.test.ts). The handler no longer pays jose's overhead while the
raw side still does, which is why its figure can now come close to, or pass, raw jose's.
`;
}
