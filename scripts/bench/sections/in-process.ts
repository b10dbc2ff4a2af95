import type { HttpHandler, HttpResponseInit } from '@azure/functions';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { BenchCertificate } from '../fixtures/certificates.js';
import { quietInvocation, tokenRequest } from '../fixtures/requests.js';
import { boundedLoop } from '../lib/bounded-loop.js';
import { alternate } from '../lib/rounds.js';
import { joseSign, type RawSigner } from '../lib/signers.js';
import type { Budget } from '../options.js';
import { type Comparison, compare } from './comparison.js';

export interface InProcessResult {
  /** One comparison per concurrency (calls in flight at once). */
  byConcurrency: Array<{ concurrency: number; handlerVsJose: Comparison }>;
  tokenBytes: number;
}

export const IN_PROCESS_CONCURRENCY = [1, 8] as const;

/** Calls the handler once, as the host would, and insists on a token: a failing call is not a benchmark. */
export async function issueToken(handler: HttpHandler, request = tokenRequest()): Promise<string> {
  const response = (await handler(request, quietInvocation())) as HttpResponseInit;
  if (response.status !== 200 || typeof response.body !== 'string')
    throw new Error(`the token handler answered ${response.status}: ${String(response.body)}`);
  return response.body;
}

/**
 * The raw-signing side of the comparison: jose's SignJWT with the key the handler uses and the
 * claims and header of a token the handler issued, so the only difference is the handler path.
 */
export async function rawSignerFor(handler: HttpHandler, certificate: BenchCertificate) {
  const sample = await issueToken(handler);
  const header = decodeProtectedHeader(sample);
  const claims = decodeJwt(sample) as Record<string, unknown>;
  const signer: RawSigner = {
    alg: header.alg as RawSigner['alg'],
    key: certificate.privateKey,
    kid: String(header.kid),
  };
  return { signer, claims, sample };
}

/** 1. The token handler called directly versus raw jose signing, tokens per second, warm caches. */
export async function runInProcess(
  handler: HttpHandler,
  certificate: BenchCertificate,
  budget: Budget,
  log: (line: string) => void,
): Promise<InProcessResult> {
  const { signer, claims, sample } = await rawSignerFor(handler, certificate);
  // Warm: JIT, jose's key import cache, the site and certificate caches.
  for (let i = 0; i < 200; i++) {
    await issueToken(handler);
    await joseSign(claims, signer);
  }
  const byConcurrency: InProcessResult['byConcurrency'] = [];
  for (const concurrency of IN_PROCESS_CONCURRENCY) {
    const limits = { maxOps: 200_000, maxMs: budget.inProcessSideMs, concurrency };
    const results = await alternate(
      [
        {
          name: 'handler',
          run: async () => (await boundedLoop(() => issueToken(handler), limits)).opsPerSecond,
        },
        {
          name: 'jose',
          run: async () => (await boundedLoop(() => joseSign(claims, signer), limits)).opsPerSecond,
        },
      ],
      budget.inProcessRounds,
      (round, name, value) =>
        log(`  c=${concurrency} round ${round + 1} ${name}: ${Math.round(value)} tokens/s`),
    );
    byConcurrency.push({
      concurrency,
      handlerVsJose: compare(results.get('handler') ?? [], results.get('jose') ?? []),
    });
  }
  return { byConcurrency, tokenBytes: sample.length };
}
