import { fixed, int, list, table } from '../lib/format.js';
import type { AlgorithmResult } from '../sections/algorithms.js';

export function renderAlgorithms(result: AlgorithmResult): string {
  const find = (name: string) => result.sides.find((side) => side.name === name);
  const rows = result.sides.map((side) => [
    side.kind === 'jose' ? 'jose SignJWT (signatures/s)' : 'token handler (tokens/s)',
    side.alg,
    side.keyDescription,
    side.issued ? 'yes' : '**no**',
    int(side.medianPerSecond),
    fixed(side.costVsRs2048),
    list(side.perSecond),
  ]);
  const cost = (name: string) => find(name)?.costVsRs2048 ?? Number.NaN;
  return `## 5. Signing algorithms: what a certificate choice costs

${result.concurrency} calls in flight, the same claims for every algorithm, all seven sides alternating
round by round. The handler rows are \`/{tenant}/oauth2/v1/token\` on a site whose
\`CustomCertificates/ImplicitGrantflow\` names a certificate of that kind. "cost" is how many times
as long a signature (jose rows) or a token (handler rows) takes as with RS256 on a 2048-bit key: the
median over the rounds of that round's RS256 2048 rate over this row's.

${table(['what', 'alg', 'key', 'issued by the service', 'per second (median)', 'cost vs RS256 2048', 'per round'], rows)}

For an admin choosing a certificate:

- **RSA 2048 (RS256)** is the default and what Power Pages and every relying party accept.
- **RSA 3072 (RS256)** costs about ${fixed(cost('handler RS256 3072'), 1)} times as much per token on this machine: an
  instance issues that many times fewer tokens per second at full load. Validation (public key) stays
  cheap for relying parties.
- **EC P-256 (ES256)** is the cheapest to sign (${fixed(1 / cost('handler ES256'), 1)} times RS256 2048's rate here) and gives the smallest
  tokens, but check that every relying party accepts ES256 before choosing it.
- **PS256** is not issued by the service today: an RSA certificate always signs RS256
  (shared/certs/create-signing-key.ts). Its row shows what it would cost: with jose, PS256 on the same
  2048-bit key costs ${fixed(cost('jose PS256 2048'))} times what RS256 does.
`;
}
