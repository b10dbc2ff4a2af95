#!/usr/bin/env node
// Builds the folder azd deploys (azure.yaml: dist: dist/package, remoteBuild: false), and nothing
// else goes to Azure: host.json, a package.json whose "main" names the function files, and one
// esbuild bundle per function with everything it imports inside it, @azure/functions included
// (unlike scripts/bundle.mjs): Azure's Node.js worker provides only @azure/functions-core, found
// with require() at run time. So no node_modules, no remote build, and no working-tree file
// (.data/, .git/, test/, local.settings.json) can travel with the package.
//
// Usage: node scripts/package.mjs [outdir]   (default dist/package)
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { functionBundleOptions, root } from './lib/function-bundle.mjs';

const outRoot = path.resolve(root, process.argv[2] ?? path.join('dist', 'package'));

const options = await functionBundleOptions();
await rm(outRoot, { recursive: true, force: true });
const result = await build({
  ...options,
  outdir: path.join(outRoot, 'functions'),
  target: 'node22',
  // Injected by the Functions worker; every other import is bundled.
  external: ['@azure/functions-core'],
  // License notices of bundled code stay with it, inside each file; no source maps are shipped.
  legalComments: 'eof',
  sourcemap: false,
});

const rootPackage = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const deployedPackage = {
  name: rootPackage.name,
  version: rootPackage.version,
  private: true,
  type: 'module',
  main: 'functions/*.js',
  // Nothing to install: the bundle carries its dependencies.
  dependencies: {},
};
await writeFile(path.join(outRoot, 'package.json'), `${JSON.stringify(deployedPackage, null, 2)}\n`);
await copyFile(path.join(root, 'host.json'), path.join(outRoot, 'host.json'));

const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(
  `${path.relative(root, outRoot)}: ${options.entryPoints.length} functions, ${(bytes / 1024).toFixed(0)} KiB of JavaScript`,
);
