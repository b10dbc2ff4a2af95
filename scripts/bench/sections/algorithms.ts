import type { HttpHandler } from '@azure/functions';
import { decodeJwt } from 'jose';
import type { CertificateFolder, CertificateKind } from '../fixtures/certificates.js';
import { tenantTokenRequest } from '../fixtures/requests.js';
import { ALGORITHM_SITES } from '../fixtures/site.js';
import { boundedLoop } from '../lib/bounded-loop.js';
import { alternate } from '../lib/rounds.js';
import { type JwsAlg, joseSign } from '../lib/signers.js';
import { median, pairedRatios } from '../lib/stats.js';
import type { Budget } from '../options.js';
import { issueToken } from './in-process.js';

export interface AlgorithmSide {
  name: string;
  kind: 'jose' | 'handler';
  alg: JwsAlg;
  keyDescription: string;
  /** Whether the service issues tokens with this algorithm today. */
  issued: boolean;
  perSecond: number[];
  medianPerSecond: number;
  /** Median over the rounds of (RS256 2048 of the same kind) / (this side): how many times as costly. */
  costVsRs2048: number;
}

export interface AlgorithmResult {
  concurrency: number;
  sides: AlgorithmSide[];
}

const KEYS: Record<CertificateKind, string> = {
  rsa2048: 'RSA 2048',
  rsa3072: 'RSA 3072',
  p256: 'EC P-256',
};

/**
 * 5. What a certificate choice costs: signatures per second with jose for RS256 (2048 and 3072
 * bits), PS256 and ES256 with the same claims, and tokens per second from the handler on a site
 * signing with each certificate the service accepts. All seven alternate round by round.
 */
export async function runAlgorithms(
  tenantTokenHandler: HttpHandler,
  certificates: CertificateFolder,
  budget: Budget,
  log: (line: string) => void,
): Promise<AlgorithmResult> {
  const tenantToken = (kind: CertificateKind) => () =>
    issueToken(tenantTokenHandler, tenantTokenRequest(ALGORITHM_SITES[kind]));
  const claims = decodeJwt(await tenantToken('rsa2048')()) as Record<string, unknown>;
  const jose = (alg: JwsAlg, kind: CertificateKind) => () =>
    joseSign(claims, { alg, key: certificates.byKind[kind].privateKey, kid: 'bench' });
  const candidates: Array<
    Omit<AlgorithmSide, 'perSecond' | 'medianPerSecond' | 'costVsRs2048'> & { op: () => Promise<unknown> }
  > = [
    {
      name: 'jose RS256 2048',
      kind: 'jose',
      alg: 'RS256',
      keyDescription: KEYS.rsa2048,
      issued: true,
      op: jose('RS256', 'rsa2048'),
    },
    {
      name: 'jose RS256 3072',
      kind: 'jose',
      alg: 'RS256',
      keyDescription: KEYS.rsa3072,
      issued: true,
      op: jose('RS256', 'rsa3072'),
    },
    {
      name: 'jose PS256 2048',
      kind: 'jose',
      alg: 'PS256',
      keyDescription: KEYS.rsa2048,
      issued: false,
      op: jose('PS256', 'rsa2048'),
    },
    {
      name: 'jose ES256',
      kind: 'jose',
      alg: 'ES256',
      keyDescription: KEYS.p256,
      issued: true,
      op: jose('ES256', 'p256'),
    },
    {
      name: 'handler RS256 2048',
      kind: 'handler',
      alg: 'RS256',
      keyDescription: KEYS.rsa2048,
      issued: true,
      op: tenantToken('rsa2048'),
    },
    {
      name: 'handler RS256 3072',
      kind: 'handler',
      alg: 'RS256',
      keyDescription: KEYS.rsa3072,
      issued: true,
      op: tenantToken('rsa3072'),
    },
    {
      name: 'handler ES256',
      kind: 'handler',
      alg: 'ES256',
      keyDescription: KEYS.p256,
      issued: true,
      op: tenantToken('p256'),
    },
  ];
  for (const candidate of candidates) for (let i = 0; i < 100; i++) await candidate.op();
  const concurrency = 8;
  const limits = { maxOps: 200_000, maxMs: budget.inProcessSideMs, concurrency };
  const results = await alternate(
    candidates.map((candidate) => ({
      name: candidate.name,
      run: async () => (await boundedLoop(candidate.op, limits)).opsPerSecond,
    })),
    budget.inProcessRounds,
    (round, name, value) => log(`  round ${round + 1} ${name}: ${Math.round(value)}/s`),
  );
  return {
    concurrency,
    sides: candidates.map(({ op: _op, ...side }) => {
      const perSecond = results.get(side.name) ?? [];
      // Per round, against the baseline of the same round: the machine's speed changes between rounds.
      const baseline = results.get(`${side.kind} RS256 2048`) ?? [];
      return {
        ...side,
        perSecond,
        medianPerSecond: median(perSecond),
        costVsRs2048: median(pairedRatios(baseline, perSecond)),
      };
    }),
  };
}
