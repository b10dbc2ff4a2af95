import { decodeJwt } from 'jose';
import { type CertificateKind, KEY_NAMES } from '../fixtures/certificates.js';
import { algorithmSite, issueToken } from '../fixtures/site.js';
import { alternateLoops, median, pairedRatios, rate } from '../lib/measure.js';
import { type Bench, fixed, int, list, type SectionReport, table } from '../lib/report.js';
import { type JwsAlg, joseSign } from '../lib/signers.js';

/** Each side: jose or the handler, algorithm, key, whether the service issues it today. */
const SIDES: Array<['jose' | 'handler', JwsAlg, CertificateKind, boolean]> = [
  ['jose', 'RS256', 'rsa2048', true],
  ['jose', 'RS256', 'rsa3072', true],
  ['jose', 'PS256', 'rsa2048', false],
  ['jose', 'ES256', 'p256', true],
  ['handler', 'RS256', 'rsa2048', true],
  ['handler', 'RS256', 'rsa3072', true],
  ['handler', 'ES256', 'p256', true],
];

/** 5. What a certificate choice costs: jose's signatures and the handler's tokens per second, per key. */
export async function runAlgorithms(b: Bench): Promise<SectionReport> {
  const siteToken = (kind: CertificateKind) => () => issueToken(b.siteTokenHandler, algorithmSite(kind));
  const claims = decodeJwt(await siteToken('rsa2048')()) as Record<string, unknown>;
  const ops = Object.fromEntries(
    SIDES.map(([what, alg, kind]) => [
      `${what} ${alg} ${kind}`,
      what === 'handler'
        ? siteToken(kind)
        : () => joseSign(claims, { alg, key: b.certificates.byKind[kind].privateKey, kid: 'bench' }),
    ]),
  );
  const limits = { maxOps: 200_000, maxMs: b.sideMs, concurrency: 8 };
  const budget = { rounds: b.rounds, warmUp: 100, limits };
  const results = await alternateLoops(ops, budget, rate, (round, name, value) =>
    b.log(`  round ${round + 1} ${name}: ${Math.round(value)}/s`),
  );
  // Per round, against the RS256 2048 baseline of the same kind and round: the machine's speed changes.
  const cost = (what: string, alg: string, kind: string) =>
    median(pairedRatios(results[`${what} RS256 rsa2048`] ?? [], results[`${what} ${alg} ${kind}`] ?? []));
  const rows = SIDES.map(([what, alg, kind, issued]) => {
    const rates = results[`${what} ${alg} ${kind}`] ?? [];
    const label = what === 'jose' ? 'jose SignJWT (signatures/s)' : 'token handler (tokens/s)';
    const cells = [label, alg, KEY_NAMES[kind], issued ? 'yes' : '**no**', int(median(rates))];
    return [...cells, fixed(cost(what, alg, kind)), list(rates)];
  });
  const markdown = `## 5. Signing algorithms: what a certificate choice costs

8 calls in flight, the same claims, all seven sides alternating. The handler rows are
\`/{site}/oauth2/v1/token\` on a site whose \`CustomCertificates/ImplicitGrantflow\` names a certificate
of that kind. "cost": the median over the rounds of that round's RS256 2048 rate over this row's.

${table('what|alg|key|issued by the service|per second (median)|cost vs RS256 2048|per round', rows)}

For an admin choosing a certificate:

- **RSA 2048 (RS256)** is the default and what Power Pages and every relying party accept.
- **RSA 3072 (RS256)**: about ${fixed(cost('handler', 'RS256', 'rsa3072'), 1)} times fewer tokens per second at full load here; validating stays cheap.
- **EC P-256 (ES256)**: ${fixed(1 / cost('handler', 'ES256', 'p256'), 1)} times RS256 2048's rate, the smallest tokens; check that relying parties accept ES256.
- **PS256** is not issued (RSA signs RS256: shared/certs/signing-key.ts); its row shows its cost.
`;
  return { markdown };
}
