import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Bundles child.ts into dist/bench/ as plain ESM, so each cold start runs under bare `node`:
 * a TypeScript loader would add its own start-up and per-module work to the figures.
 */
export async function buildColdStartHarness(): Promise<string> {
  const outfile = path.join(ROOT, 'dist', 'bench', 'cold-start-child.mjs');
  await mkdir(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL('./child.ts', import.meta.url))],
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
