// Run by sections/remote-signing.ts in a process of its own (Node reads NODE_EXTRA_CA_CERTS only at
// start): the same certificate signs in process and in the vault, alternating; prints one JSON line.
import { createCertificateStore } from '../../shared/certs/create-certificate-store.js';
import { signToken } from '../../shared/token/sign-token.js';
import { alternate, boundedLoop, quantile } from './lib/measure.js';

const { LOCAL_CERTIFICATES_DIR, KEY_VAULT_URL, DEFAULT_CERTIFICATE_NAME = '' } = process.env;
const [rounds = 3, sequential = 50, seconds = 1] = JSON.parse(
  process.env.BENCH_REMOTE_BUDGET ?? '[3, 50, 1]',
) as number[];
const store = (source: 'local' | 'keyvault') =>
  createCertificateStore({
    source,
    localDir: LOCAL_CERTIFICATES_DIR,
    keyVaultUrl: KEY_VAULT_URL,
    localPassword: undefined,
    defaultName: DEFAULT_CERTIFICATE_NAME,
  }).get(undefined);
const keys = { local: await store('local'), remote: await store('keyvault') };
if (keys.local.privateKey === undefined || keys.remote.privateKey !== undefined || !keys.remote.remote)
  throw new Error('expected an in-process key locally and a vault-held key remotely');
const claims = () => ({ sub: 'ada-0001', aud: 'demo-app', iat: Math.floor(Date.now() / 1000) });

const measure = (key: (typeof keys)['local']) => async () => {
  const latencies: number[] = [];
  for (let i = 0; i < sequential; i++) {
    const t0 = performance.now();
    await signToken(claims(), key);
    latencies.push(performance.now() - t0);
  }
  const limits = { maxOps: 100_000, maxMs: seconds * 1000, concurrency: 16 };
  const { opsPerSecond } = await boundedLoop(() => signToken(claims(), key), limits);
  return { latencies, opsPerSecond };
};
for (const key of Object.values(keys)) await measure(key)(); // warm-up, not recorded
const sides = { local: measure(keys.local), remote: measure(keys.remote) };
const results = await alternate(sides, rounds, () => {});
const summary = Object.fromEntries(
  Object.entries(results).map(([side, runs]) => {
    const all = runs.flatMap((run) => run.latencies);
    const rates = runs.map((run) => run.opsPerSecond);
    return [side, { p50: quantile(all, 0.5), p95: quantile(all, 0.95), rates, rate: quantile(rates, 0.5) }];
  }),
);
process.stdout.write(`${JSON.stringify(summary)}\n`);
process.exit(0);
