// What the dev host's bundle (scripts/bundle.mjs) and the deployed package (scripts/package.mjs)
// build alike: one ESM file per function (functions/*.ts), code they share in chunks beside them.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** esbuild options for the function entry files; the caller adds outdir, target and externals. */
export async function functionBundleOptions() {
  const entryPoints = (await readdir(path.join(root, 'functions')))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => path.join(root, 'functions', name));
  return {
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    chunkNames: 'chunks/[name]-[hash]',
    // Bundled CommonJS (node-forge; in the package @azure/functions too) calls require() for
    // built-ins and the worker's core module; ESM has no require of its own.
    banner: {
      js: "import { createRequire as __portalStsCreateRequire } from 'node:module'; const require = __portalStsCreateRequire(import.meta.url);",
    },
    metafile: true,
    logLevel: 'warning',
  };
}
