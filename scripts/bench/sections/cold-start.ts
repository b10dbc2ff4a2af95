import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../../lib/server-process.js';
import type { BenchCertificate } from '../fixtures/certificates.js';
import { startBenchVault } from '../fixtures/keyvault.js';
import { list, type SectionReport, table, verdict } from '../lib/format.js';
import { alternate, median, quantile } from '../lib/measure.js';
import { buildFreshProcess, type FreshSample, runFreshProcess } from './fresh-process.js';

const LOAD_TARGET_MS = 200;
const FIRST_TOKEN_TARGET_MS = 150;

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile() && entry.name.endsWith('.ts'))
      newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  return newest;
}

/**
 * The entry files of a build (no maps, no chunks), refusing a build older than the sources: a cold
 * start of yesterday's code would be measured as today's.
 */
export async function freshBuild(relativeDir: string, command: string): Promise<string[]> {
  const dir = path.join(ROOT, relativeDir);
  const names = await readdir(dir).catch(() => []);
  const files = names
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => path.join(dir, name));
  if (files.length === 0) throw new Error(`${relativeDir} has no function modules: run ${command}`);
  const sources = Math.max(
    ...(await Promise.all(['functions', 'shared'].map((d) => newestSource(path.join(ROOT, d))))),
  );
  const built = Math.min(...(await Promise.all(files.map(async (file) => (await stat(file)).mtimeMs))));
  if (built < sources) throw new Error(`${relativeDir} is older than the sources: run ${command}`);
  return files;
}

const VARIANTS = [
  ['unbundled', 'local'],
  ['bundled', 'local'],
  ['unbundled', 'keyvault'],
  ['bundled', 'keyvault'],
] as const;
const BACKENDS = { local: 'Azurite + local certificate folder', keyvault: 'Azurite + Key Vault test server' };

/**
 * 4. Cold start in fresh processes: the function modules as `npm run build` emits them and as
 * scripts/bundle.mjs bundles them, each with the local certificate folder and with Key Vault,
 * alternating the four variants run by run.
 */
export async function runColdStart(
  files: { unbundled: string[]; bundled: string[] },
  certificate: BenchCertificate,
  env: Record<string, string>,
  runs: number,
  log: (line: string) => void,
): Promise<SectionReport> {
  const script = await buildFreshProcess();
  const vault = await startBenchVault(certificate);
  const envs = { local: { ...process.env, ...env }, keyvault: { ...process.env, ...env, ...vault.childEnv } };
  let samples: Record<string, Array<FreshSample & { vaultRequests: number }>>;
  try {
    const sides = Object.fromEntries(
      VARIANTS.map(([build, backend]) => [
        `${build}, ${BACKENDS[backend]}`,
        async () => {
          vault.vault.resetRequestCounts();
          const sample = await runFreshProcess(script, files[build], envs[backend]);
          return { ...sample, vaultRequests: vault.vault.requestCount() };
        },
      ]),
    );
    samples = await alternate(sides, runs, (round, name, s) =>
      log(
        `  run ${round + 1} ${name}: load ${s.loadMs.toFixed(0)} ms, first token ${s.firstTokenMs.toFixed(0)} ms`,
      ),
    );
  } finally {
    await vault.stop();
  }
  const ms0 = (value: number) => value.toFixed(0);
  const rows: string[][] = [];
  const raw: string[][] = [];
  const targets: SectionReport['targets'] = [];
  for (const [build, backend] of VARIANTS) {
    const name = `${build}, ${BACKENDS[backend]}`;
    const of = (key: keyof FreshSample | 'vaultRequests') =>
      (samples[name] ?? []).map((sample) => sample[key]);
    const dist = (key: keyof FreshSample) => [median(of(key)), quantile(of(key), 0.9)] as const;
    const [load, load90] = dist('loadMs');
    const [first, first90] = dist('firstTokenMs');
    const [registered, registered90] = dist('registeredAt');
    rows.push([
      build,
      BACKENDS[backend],
      `${ms0(load)} / ${ms0(load90)}`,
      `${ms0(registered)} / ${ms0(registered90)}`,
      `${ms0(first)} / ${ms0(first90)}`,
      `${verdict(load < LOAD_TARGET_MS)} / ${verdict(first < FIRST_TOKEN_TARGET_MS)}`,
      backend === 'keyvault' ? list(of('vaultRequests')) : '-',
    ]);
    raw.push([name, list(of('loadMs'), ms0), list(of('firstTokenMs'), ms0)]);
    if (backend === 'local')
      targets.push([
        `4. module load, ${build} (median)`,
        `< ${LOAD_TARGET_MS} ms`,
        `${ms0(load)} ms (p90 ${ms0(load90)})`,
        load < LOAD_TARGET_MS,
      ]);
    targets.push([
      `4. first token after load, ${build}, ${backend === 'local' ? 'Azurite + local folder' : 'Azurite + Key Vault'} (median)`,
      `< ${FIRST_TOKEN_TARGET_MS} ms`,
      `${ms0(first)} ms (p90 ${ms0(first90)})`,
      first < FIRST_TOKEN_TARGET_MS,
    ]);
  }
  const markdown = `## 4. Cold start

${runs} fresh \`node\` processes per variant (plain node, no TypeScript loader), the four variants
alternating run by run. Each process installs the functions-core stand-in (what the Functions worker
provides), imports every function module, then calls the exported \`tokenHandler\` once with a
signed-in request: empty caches, real local backends.

- **module load**: from the first function module import to all of them imported, which is when
  every \`app.http(...)\` has registered (@azure/functions itself is loaded by the first module, so it
  is included). **from process start**: the same end point measured from the process's start
  (\`performance.now()\`), so Node's own start-up is included.
- **first token after load**: from the end of loading to the token handler's 200 response: building
  the services from the app settings, the Table read, the certificate (file, or Key Vault with its
  managed identity token), and the signature.
- **unbundled**: \`dist/functions/*.js\` from \`npm run build\` (${files.unbundled.length} modules, with their
  imports resolved file by file from node_modules). **bundled**: \`dist/bundle/functions/*.js\` from
  \`npm run bundle\` (scripts/bundle.mjs, esbuild: ${files.bundled.length} entry files, shared code in chunks,
  \`@azure/functions\` external). The Key Vault and identity SDKs are dynamic imports in the source
  (shared/certs/keyvault-certificate-store.ts, shared/settings/table-client.ts), so neither build loads
  them before the first Key Vault call; in the bundle they are chunks loaded then.

Figures are median / p90 in ms. Targets: module load under ${LOAD_TARGET_MS} ms, first token under ${FIRST_TOKEN_TARGET_MS} ms after load.

${table('build|backends|module load|from process start|first token after load|targets (load / first token)|Key Vault requests per process', rows)}

Raw figures, in run order (ms):

${table('variant|module load|first token after load', raw)}

The bundle is what ships: \`npm run build\` runs \`tsc\` and then the bundler, and the package's
\`main\` names \`dist/bundle/functions/*.js\` (the chunks are in a subfolder, so the glob matches the
entry files only); @azure/functions stays in node_modules.
`;
  return { markdown, targets };
}
