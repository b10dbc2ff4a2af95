import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { runNode } from '../../lib/children.js';
import { ROOT } from '../../lib/server-process.js';

/** ms: first module import to all imported; process start to that; then to the first token. */
export type FreshSample = { loadMs: number; registeredAt: number; firstTokenMs: number };

/**
 * Bundles fresh-process.ts into dist/bench/ as plain ESM, so each instance runs under bare `node`:
 * a TypeScript loader would add its own start-up and per-module work to the figures.
 */
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

/**
 * One fresh `node` instance: loads `files`, issues the first token and reports it; with
 * `steady`, calls `between` and then has it issue that many more (8 in flight).
 */
export async function runFreshProcess(
  script: string,
  files: string[],
  env: NodeJS.ProcessEnv,
  steady?: { tokens: number; between: () => void },
): Promise<FreshSample & { steadyTokens?: number }> {
  // No tsx loader (NODE_OPTIONS) in the children: bare node, as the Functions worker runs.
  const { NODE_OPTIONS: _loader, ...baseEnv } = env;
  const lines = await runNode([script], {
    env: {
      ...baseEnv,
      BENCH_FUNCTION_MODULES: JSON.stringify(files),
      BENCH_STEADY_TOKENS: String(steady?.tokens ?? 0),
    },
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
