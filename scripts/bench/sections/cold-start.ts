import type { ColdStartSample } from '../cold-start/child.js';
import { buildColdStartHarness } from '../cold-start/harness.js';
import type { BenchCertificate } from '../fixtures/certificates.js';
import { startBenchVault } from '../fixtures/keyvault.js';
import { spawnNode } from '../lib/children.js';
import { alternate } from '../lib/rounds.js';
import { median, p90 } from '../lib/stats.js';
import type { Budget } from '../options.js';

export type Build = 'unbundled' | 'bundled';
export type Backend = 'local' | 'keyvault';

export interface Distribution {
  samples: number[];
  median: number;
  p90: number;
}

export interface ColdStartVariant {
  build: Build;
  backend: Backend;
  load: Distribution;
  registeredAt: Distribution;
  firstToken: Distribution;
  /** Key Vault requests of each process's first token (the vault's own count). */
  vaultRequests: number[];
}

export interface ColdStartResult {
  runs: number;
  files: Record<Build, string[]>;
  variants: ColdStartVariant[];
}

const distribution = (samples: number[]): Distribution => ({
  samples,
  median: median(samples),
  p90: p90(samples),
});

/** One fresh `node` process: load the function modules, then issue the first token. */
async function coldStart(harness: string, files: string[], env: NodeJS.ProcessEnv): Promise<ColdStartSample> {
  const child = spawnNode([harness], { env: { ...env, BENCH_FUNCTION_MODULES: JSON.stringify(files) } });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const line = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{'))
    throw new Error(`cold start failed (${code}): ${stderr || stdout}`);
  const sample = JSON.parse(line) as ColdStartSample;
  if (sample.status !== 200) throw new Error(`the first token answered ${sample.status}`);
  return sample;
}

/**
 * 4. Cold start in fresh processes: the function modules as `npm run build` emits them and as
 * scripts/bundle.mjs bundles them, each with the local certificate folder and with Key Vault,
 * alternating the four variants run by run.
 */
export async function runColdStart(
  files: Record<Build, string[]>,
  certificate: BenchCertificate,
  serviceEnv: Record<string, string>,
  budget: Budget,
  log: (line: string) => void,
): Promise<ColdStartResult> {
  const harness = await buildColdStartHarness();
  const vault = await startBenchVault(certificate);
  // No tsx loader (NODE_OPTIONS) in the children: bare node, as the Functions worker runs.
  const { NODE_OPTIONS: _loader, ...baseEnv } = process.env;
  const envs: Record<Backend, NodeJS.ProcessEnv> = {
    local: { ...baseEnv, ...serviceEnv },
    keyvault: { ...baseEnv, ...serviceEnv, ...vault.childEnv },
  };
  const vaultRequests = new Map<string, number[]>();
  const variants: Array<{ build: Build; backend: Backend }> = [
    { build: 'unbundled', backend: 'local' },
    { build: 'bundled', backend: 'local' },
    { build: 'unbundled', backend: 'keyvault' },
    { build: 'bundled', backend: 'keyvault' },
  ];
  const key = (variant: { build: Build; backend: Backend }) => `${variant.build}/${variant.backend}`;
  try {
    const results = await alternate(
      variants.map((variant) => ({
        name: key(variant),
        run: async () => {
          vault.vault.resetRequestCounts();
          const sample = await coldStart(harness, files[variant.build], envs[variant.backend]);
          if (variant.backend === 'keyvault') {
            const counts = vaultRequests.get(key(variant)) ?? [];
            counts.push(vault.vault.requestCount());
            vaultRequests.set(key(variant), counts);
          }
          return sample;
        },
      })),
      budget.coldStarts,
      (round, name, sample) =>
        log(
          `  run ${round + 1} ${name}: load ${sample.loadMs.toFixed(0)} ms, first token ${sample.firstTokenMs.toFixed(0)} ms`,
        ),
    );
    return {
      runs: budget.coldStarts,
      files,
      variants: variants.map((variant): ColdStartVariant => {
        const samples = results.get(key(variant)) ?? [];
        return {
          ...variant,
          load: distribution(samples.map((sample) => sample.loadMs)),
          registeredAt: distribution(samples.map((sample) => sample.registeredAt)),
          firstToken: distribution(samples.map((sample) => sample.firstTokenMs)),
          vaultRequests: vaultRequests.get(key(variant)) ?? [],
        };
      }),
    };
  } finally {
    await vault.stop();
  }
}
