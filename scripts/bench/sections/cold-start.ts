import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { runNode } from '../../lib/children.js';
import { ROOT } from '../../lib/server-process.js';
import { startBenchVault } from '../fixtures/keyvault.js';
import { alternate, median, quantile } from '../lib/measure.js';
import { type Bench, list, type SectionReport, type Target, table, verdict } from '../lib/report.js';

/** ms: first module import to all imported; process start to that; then to the first token. */
export type FreshSample = { loadMs: number; registeredAt: number; firstTokenMs: number };

/** Bundles fresh-process.ts as plain ESM for bare `node`: a TypeScript loader would add to the figures. */
export async function buildFreshProcess(): Promise<string> {
  const outfile = path.join(ROOT, 'dist', 'bench', 'fresh-process.mjs');
  await mkdir(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL('../fresh-process.ts', import.meta.url))],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@azure/functions'],
    logLevel: 'warning',
  });
  return outfile;
}

/** One fresh instance: loads `files`, issues a token; with `steady`, calls `between`, then issues more. */
export async function runFreshProcess(
  script: string,
  files: string[],
  env: NodeJS.ProcessEnv,
  steady?: { tokens: number; between: () => void },
): Promise<FreshSample & { steadyTokens?: number }> {
  // No tsx loader (NODE_OPTIONS) in the children: bare node, as the Functions worker runs.
  const { NODE_OPTIONS: _loader, ...baseEnv } = env;
  const modules = JSON.stringify(files);
  const lines = await runNode([script], {
    env: { ...baseEnv, BENCH_FUNCTION_MODULES: modules, BENCH_STEADY_TOKENS: String(steady?.tokens ?? 0) },
    stdio: ['pipe', 'pipe', 'pipe'],
    timeoutMs: 90_000,
    onLine: (line, child) => {
      if (!steady || !line.startsWith('{"loadMs"')) return;
      steady.between();
      child.stdin?.write('\n');
    },
  });
  const [sample, steadyRun] = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  if (!sample || (steady && !steadyRun)) throw new Error(`fresh instance printed no figures: ${lines}`);
  return { ...(sample as FreshSample), steadyTokens: (steadyRun as { tokens: number } | undefined)?.tokens };
}

const LOAD_TARGET_MS = 200;
const FIRST_TOKEN_TARGET_MS = 150;

/** A build's entry files, refusing a build older than the sources (yesterday's code measured as today's). */
export async function freshBuild(relativeDir: string, command: string): Promise<string[]> {
  const dir = path.join(ROOT, relativeDir);
  const names = await readdir(dir).catch(() => []);
  const files = names.filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f));
  const mtime = async (file: string) => (await stat(file)).mtimeMs;
  const sources = ['functions', 'shared'].map((d) => readdir(path.join(ROOT, d), { recursive: true }));
  const newest = (await Promise.all(sources)).flatMap((names, i) =>
    names.filter((n) => n.endsWith('.ts')).map((n) => mtime(path.join(ROOT, i ? 'shared' : 'functions', n))),
  );
  const built = await Promise.all(files.map(mtime));
  if (files.length === 0 || Math.min(...built) < Math.max(...(await Promise.all(newest))))
    throw new Error(`${relativeDir} is missing or older than the sources: run ${command}`);
  return files.sort();
}

const BUILDS = ['unbundled', 'bundled'] as const;
const VARIANTS = (['local', 'keyvault'] as const).flatMap((backend) =>
  BUILDS.map((b) => [b, backend] as const),
);
const BACKENDS = { local: 'Azurite + local certificate folder', keyvault: 'Azurite + Key Vault test server' };
type Sample = FreshSample & { vaultRequests: number };

/** 4. Cold start in fresh processes: unbundled and bundled, local certificates and Key Vault. */
export async function runColdStart(b: Bench): Promise<SectionReport> {
  const { builds: files, rsa2048, env, log } = b;
  const runs = b.quick ? 5 : 11;
  const script = await buildFreshProcess();
  const vault = await startBenchVault(rsa2048);
  const envs = { local: { ...process.env, ...env }, keyvault: { ...process.env, ...env, ...vault.childEnv } };
  const sides = VARIANTS.map(([build, backend]) => {
    const run = async (): Promise<Sample> => {
      vault.vault.resetRequestCounts();
      const sample = await runFreshProcess(script, files[build], envs[backend]);
      return { ...sample, vaultRequests: vault.vault.requestCount() };
    };
    return [`${build}, ${BACKENDS[backend]}`, run] as const;
  });
  const ms0 = (value: number) => value.toFixed(0);
  const samples = await alternate(Object.fromEntries(sides), runs, (round, name, s) =>
    log(`  run ${round + 1} ${name}: load ${ms0(s.loadMs)} ms, first token ${ms0(s.firstTokenMs)} ms`),
  ).finally(() => vault.stop());
  const [rows, raw, targets]: [string[][], string[][], Target[]] = [[], [], []];
  for (const [build, backend] of VARIANTS) {
    const name = `${build}, ${BACKENDS[backend]}`;
    const of = (key: keyof Sample) => (samples[name] ?? []).map((sample) => sample[key]);
    const stats = (key: keyof Sample) => ({ median: median(of(key)), p90: ms0(quantile(of(key), 0.9)) });
    const [load, first, registered] = [stats('loadMs'), stats('firstTokenMs'), stats('registeredAt')];
    const [loadMet, firstMet] = [load.median < LOAD_TARGET_MS, first.median < FIRST_TOKEN_TARGET_MS];
    const text = (d: typeof load) => `${ms0(d.median)} / ${d.p90}`;
    const vaultCalls = backend === 'keyvault' ? list(of('vaultRequests')) : '-';
    const verdicts = `${verdict(loadMet)} / ${verdict(firstMet)}`;
    rows.push([build, BACKENDS[backend], text(load), text(registered), text(first), verdicts, vaultCalls]);
    raw.push([name, list(of('loadMs'), ms0), list(of('firstTokenMs'), ms0)]);
    const measured = (d: typeof load) => `${ms0(d.median)} ms (p90 ${d.p90})`;
    if (backend === 'local')
      targets.push([`4. module load, ${build} (median)`, `< ${LOAD_TARGET_MS} ms`, measured(load), loadMet]);
    const where = backend === 'local' ? 'Azurite + local folder' : 'Azurite + Key Vault';
    const what = `4. first token after load, ${build}, ${where} (median)`;
    targets.push([what, `< ${FIRST_TOKEN_TARGET_MS} ms`, measured(first), firstMet]);
  }
  const markdown = `## 4. Cold start

${runs} fresh \`node\` processes per variant (no TypeScript loader), the variants alternating. Each installs
the functions-core stand-in (as the Functions worker provides it), imports every function module, then
calls \`tokenHandler\` once, signed in: empty caches, local backends. **module load**: from the first
import until every \`app.http(...)\` has registered; **from process start**: to the same point;
**first token after load**: the handler's first 200 (services, the Table read, the certificate, the
signature). **unbundled**: \`dist/functions/*.js\` (${files.unbundled.length} modules); **bundled**: \`dist/package/functions/*.js\`,
what azd deploys (scripts/package.mjs: ${files.bundled.length} entry files and chunks, @azure/functions inside). The
Key Vault SDKs and the PKCS#12 reader load on first use only.

Figures are median / p90 in ms. Targets: module load under ${LOAD_TARGET_MS} ms, first token under ${FIRST_TOKEN_TARGET_MS} ms after load.

${table('build|backends|module load|from process start|first token after load|targets (load / first token)|Key Vault requests per process', rows)}

Raw figures in run order (ms):

${table('variant|module load|first token after load', raw)}
`;
  return { markdown, targets };
}
