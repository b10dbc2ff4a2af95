#!/usr/bin/env node
// Bundles the function modules for a faster cold start: functions/*.ts -> dist/bundle/functions/*.js,
// shared code in chunks beside them (so the host's "main" glob matches the entry files only).
// @azure/functions stays external: it finds the worker's @azure/functions-core with require() at run
// time, and the host and the app must share its one copy. Dynamic imports stay chunks loaded on use.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { functionBundleOptions, root } from './lib/function-bundle.mjs';

await rm(path.join(root, 'dist', 'bundle'), { recursive: true, force: true });
const result = await build({
  ...(await functionBundleOptions()),
  outdir: path.join(root, 'dist', 'bundle', 'functions'),
  target: 'node20',
  external: ['@azure/functions'],
  sourcemap: 'linked',
  legalComments: 'linked',
});

const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
let total = 0;
for (const [file, output] of outputs) {
  total += output.bytes;
  if (!file.includes('/chunks/'))
    console.log(`${path.relative(root, file)}  ${(output.bytes / 1024).toFixed(0)} KiB`);
}
console.log(`${outputs.length} files, ${(total / 1024).toFixed(0)} KiB in dist/bundle/functions`);
