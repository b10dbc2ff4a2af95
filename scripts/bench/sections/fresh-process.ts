import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { keepOutput, spawnNode } from '../../lib/children.js';
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
  const entryPoints = [fileURLToPath(new URL('../fresh-process.ts', import.meta.url))];
  const options = {
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  } as const;
  await build({ ...options, entryPoints, outfile, external: ['@azure/functions'] });
  return outfile;
}

/**
 * One fresh `node` instance: loads `files`, issues the first token and reports it; with
 * `steadyTokens`, calls `between` and then has it issue that many more (8 in flight).
 */
export async function runFreshProcess(
  script: string,
  files: string[],
  env: NodeJS.ProcessEnv,
  steady?: { tokens: number; between: () => void },
): Promise<FreshSample & { steadyTokens?: number }> {
  // No tsx loader (NODE_OPTIONS) in the children: bare node, as the Functions worker runs.
  const { NODE_OPTIONS: _loader, ...baseEnv } = env;
  const child = spawnNode([script], {
    env: {
      ...baseEnv,
      BENCH_FUNCTION_MODULES: JSON.stringify(files),
      BENCH_STEADY_TOKENS: String(steady?.tokens ?? 0),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = keepOutput(child);
  const lines: string[] = [];
  createInterface({ input: child.stdout as Readable }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    lines.push(line);
    if (lines.length === 1 && steady) {
      steady.between();
      child.stdin?.write('\n');
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  if (code !== 0 || !lines[0] || (steady && !lines[1]))
    throw new Error(`fresh instance failed (${code}): ${output()}`);
  const sample = JSON.parse(lines[0]) as FreshSample;
  return lines[1] ? { ...sample, steadyTokens: (JSON.parse(lines[1]) as { tokens: number }).tokens } : sample;
}
