import { fileURLToPath } from 'node:url';
import { runNode } from '../../lib/children.js';
import { startBenchVault } from '../fixtures/keyvault.js';
import { type Bench, fixed, int, list, type SectionReport, table } from '../lib/report.js';

type Side = { p50: number; p95: number; rates: number[]; rate: number };
/** Key Vault's documented limit for RSA 2048 sign operations, per vault: 4,000 per 10 s. */
const VAULT_SIGNS_PER_SECOND = 400;
const SHARING = [1, 5, 20, 100];

/** 7. Remote signing: the same certificate signing in process and in the Key Vault test server. */
export async function runRemoteSigning({ rsa2048, env, quick }: Bench): Promise<SectionReport> {
  const budget = { rounds: quick ? 3 : 5, sequential: quick ? 50 : 200, seconds: quick ? 1 : 3 };
  const bench = await startBenchVault(rsa2048, false);
  const script = fileURLToPath(new URL('../remote-signing-child.ts', import.meta.url));
  const budgetJson = JSON.stringify([budget.rounds, budget.sequential, budget.seconds]);
  const lines = await runNode(['--import', 'tsx', script], {
    env: { ...process.env, ...env, ...bench.childEnv, BENCH_REMOTE_BUDGET: budgetJson },
    timeoutMs: 180_000,
  }).finally(() => bench.stop());
  const json = lines.find((line) => line.startsWith('{'));
  if (!json) throw new Error(`remote signing child printed no figures: ${lines}`);
  const { local, remote } = JSON.parse(json) as { local: Side; remote: Side };
  const row = (name: string, s: Side) =>
    `| ${name} | ${fixed(s.p50, 3)} | ${fixed(s.p95, 3)} | ${int(s.rate)} | ${list(s.rates)} |`;
  const sharing = SHARING.map((n) => `| ${n} | ${int(VAULT_SIGNS_PER_SECOND / n)} |`);
  const markdown = `## 7. Remote signing: a key that never leaves the vault

The same RSA 2048 certificate signs tokens in process (key from the local folder) and in the Key
Vault test server, imported with \`exportable: false\`: every token is a Key Vault \`sign\` call (TLS
through its CONNECT proxy, the identity token cached). Both through \`signToken\` in one fresh \`node\`
process, ${budget.rounds} rounds: ${budget.sequential} signatures one at a time (latency), then ${budget.seconds} s at 16 in flight (throughput).

${table('signing|p50 ms (one at a time)|p95 ms|tokens/s at 16 in flight (median)|per round /s', [
  row('in process (local folder)', local),
  row('Key Vault test server (not exportable)', remote),
])}

The test server shares the client's CPU: this is the client's path, not Key Vault's service time.
The binding limit is the vault's: about 4,000 RSA 2048 signs per 10 s (fewer for RSA 3072/4096, HSM),
${VAULT_SIGNS_PER_SECOND} tokens/s for all sites sharing the vault (beyond: 429, passed on as PortalSTS0011). Per site:

${table('sites sharing the vault|tokens/s each, at most', sharing)}
`;
  const ceiling = `${VAULT_SIGNS_PER_SECOND} tokens/s`;
  return {
    markdown,
    targets: [['7. remote signing ceiling per vault (RSA 2048)', '400 / sites sharing', ceiling, true]],
  };
}
