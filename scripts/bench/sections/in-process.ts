import type { HttpHandler } from '@azure/functions';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { BenchCertificate } from '../fixtures/certificates.js';
import { issueToken } from '../fixtures/site.js';
import { alternateLoops, compare, rate } from '../lib/measure.js';
import {
  type Bench,
  fixed,
  int,
  list,
  type SectionReport,
  type Target,
  table,
  verdict,
} from '../lib/report.js';
import { joseSign, type RawSigner } from '../lib/signers.js';

const TARGET = 0.85;

/** The raw-signing side: jose's SignJWT with the handler's key and a handler token's header and claims. */
export async function rawSignerFor(handler: HttpHandler, certificate: BenchCertificate) {
  const sample = await issueToken(handler);
  const { alg, kid } = decodeProtectedHeader(sample);
  const signer: RawSigner = { alg: alg as RawSigner['alg'], key: certificate.privateKey, kid: String(kid) };
  return { signer, claims: decodeJwt(sample) as Record<string, unknown>, sample };
}

/** 1. The token handler called directly against raw jose signing, tokens per second, warm caches. */
export async function runInProcess({
  tokenHandler,
  rsa2048,
  rounds,
  sideMs,
  log,
}: Bench): Promise<SectionReport> {
  const { signer, claims, sample } = await rawSignerFor(tokenHandler, rsa2048);
  const ops = { handler: () => issueToken(tokenHandler), jose: () => joseSign(claims, signer) };
  const rows: string[] = [];
  const targets: Target[] = [];
  for (const concurrency of [1, 8]) {
    const limits = { maxOps: 200_000, maxMs: sideMs, concurrency };
    const results = await alternateLoops(ops, { rounds, warmUp: 200, limits }, rate, (round, name, value) =>
      log(`  c=${concurrency} round ${round + 1} ${name}: ${Math.round(value)} tokens/s`),
    );
    const c = compare(results.handler ?? [], results.jose ?? []);
    const met = c.ratio >= TARGET;
    const [ratio, paired] = [fixed(c.ratio), fixed(c.pairedRatio)];
    const [handler, jose] = [int(c.aMedian), int(c.bMedian)];
    rows.push(
      `| ${concurrency} | ${handler} | ${jose} | ${ratio} | ${paired} | ${verdict(met)} | ${list(c.a)} | ${list(c.b)} |`,
    );
    targets.push([`1. handler / raw jose, ${concurrency} in flight`, `>= ${TARGET}`, ratio, met]);
  }
  const markdown = `## 1. In-process: the token handler against raw jose signing

\`tokenHandler\` (functions/token.ts) is called as the Functions host calls it: a \`new HttpRequest\`
per call with the Easy Auth principal headers (\`WEBSITE_AUTH_ENABLED=True\`), an InvocationContext
that drops log lines, warm caches. The other side is jose's \`SignJWT\` with the same key (RSA 2048),
header and claims. Each side runs ${sideMs} ms per round. Target: at least ${TARGET} of raw signing.

${table('in flight|handler tokens/s (median)|jose tokens/s (median)|ratio of medians|median of round ratios|target|handler, per round|jose, per round', rows)}

A token is ${sample.length} bytes. Signing with jose, the handler reached 0.79-0.86 (one in flight): jose's
own work per token (\`npm run bench:profile\`); shared/token/sign-token.ts now signs with \`crypto.sign\`.
`;
  return { markdown, targets };
}
