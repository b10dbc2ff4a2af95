import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { keepOutput, spawnNode } from '../../lib/children.js';
import { ROOT } from '../../lib/server-process.js';

export interface FreshSample {
  /** From the first function module import to all of them imported (every app.http ran). */
  loadMs: number;
  /** From process start to all functions registered. */
  registeredAt: number;
  /** From the end of loading to the first token's response: empty caches, real backends. */
  firstTokenMs: number;
}

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
  let partial = '';
  let asked = false;
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) if (line.startsWith('{')) lines.push(line);
    if (lines.length === 1 && steady && !asked) {
      asked = true;
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
