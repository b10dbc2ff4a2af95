import type { HttpHandler } from '@azure/functions';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { BenchCertificate } from '../fixtures/certificates.js';
import { issueToken } from '../fixtures/site.js';
import { fixed, int, list, type SectionReport, table, verdict } from '../lib/format.js';
import { alternate, boundedLoop, compare } from '../lib/measure.js';
import { joseSign, type RawSigner } from '../lib/signers.js';

const TARGET = 0.85;

/**
 * The raw-signing side of the comparisons: jose's SignJWT with the key the handler uses and the
 * claims and header of a token the handler issued, so the only difference is the handler path.
 */
export async function rawSignerFor(handler: HttpHandler, certificate: BenchCertificate) {
  const sample = await issueToken(handler);
  const header = decodeProtectedHeader(sample);
  const signer: RawSigner = {
    alg: header.alg as RawSigner['alg'],
    key: certificate.privateKey,
    kid: String(header.kid),
  };
  return { signer, claims: decodeJwt(sample) as Record<string, unknown>, sample };
}

/** 1. The token handler called directly against raw jose signing, tokens per second, warm caches. */
export async function runInProcess(
  handler: HttpHandler,
  certificate: BenchCertificate,
  budget: { rounds: number; sideMs: number },
  log: (line: string) => void,
): Promise<SectionReport> {
  const { signer, claims, sample } = await rawSignerFor(handler, certificate);
  // Warm: JIT, jose's key import cache, the site and certificate caches.
  for (let i = 0; i < 200; i++) await Promise.all([issueToken(handler), joseSign(claims, signer)]);
  const rows: string[] = [];
  const targets: SectionReport['targets'] = [];
  for (const concurrency of [1, 8]) {
    const limits = { maxOps: 200_000, maxMs: budget.sideMs, concurrency };
    const sides = {
      handler: async () => (await boundedLoop(() => issueToken(handler), limits)).opsPerSecond,
      jose: async () => (await boundedLoop(() => joseSign(claims, signer), limits)).opsPerSecond,
    };
    const results = await alternate(sides, budget.rounds, (round, name, value) =>
      log(`  c=${concurrency} round ${round + 1} ${name}: ${Math.round(value)} tokens/s`),
    );
    const c = compare(results.handler ?? [], results.jose ?? []);
    rows.push(
      `| ${concurrency} | ${int(c.aMedian)} | ${int(c.bMedian)} | ${fixed(c.ratio)} | ${fixed(c.pairedRatio)} | ${verdict(c.ratio >= TARGET)} | ${list(c.a)} | ${list(c.b)} |`,
    );
    targets.push([
      `1. handler / raw jose, ${concurrency} in flight`,
      `>= ${TARGET}`,
      fixed(c.ratio),
      c.ratio >= TARGET,
    ]);
  }
  const markdown = `## 1. In-process: the token handler against raw jose signing

\`tokenHandler\` from functions/token.ts is called directly, as the Functions host calls it: a
\`new HttpRequest(...)\` per call (from the default export of '@azure/functions') carrying the Easy Auth
principal headers, \`WEBSITE_AUTH_ENABLED=True\`, and an InvocationContext whose logHandler drops the
lines. Its caches are warm (site settings in Azurite, the certificate from the local folder). The
other side is jose's \`SignJWT\` with the same key (RSA 2048), the same protected header and the
claims decoded from a token the handler issued. Each side runs ${budget.sideMs} ms per round; the rounds
alternate handler, jose, handler, jose, ...

Target: the handler reaches at least ${TARGET} of raw signing (ratio of the medians).

${table('in flight|handler tokens/s (median)|jose tokens/s (median)|ratio of medians|median of round ratios|target|handler, per round|jose, per round', rows)}

A token is ${sample.length} bytes.

Signing with jose, the handler reached 0.79-0.86 of raw jose with one call in flight; the profile
(\`npm run bench:profile\`) put the rest in jose's own work per token (\`structuredClone\` of the
claims, header checks, WebCrypto's argument conversion). shared/token/sign-token.ts now builds the
JWS itself and signs with \`crypto.sign\` and a callback (the same bytes as jose:
test/unit/sign-token.test.ts), which is why the handler can come close to, or pass, raw jose.
`;
  return { markdown, targets };
}
