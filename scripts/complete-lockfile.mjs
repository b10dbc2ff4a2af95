#!/usr/bin/env node
// `npm run lockfile`, after every `npm install`: this project's registry serves only the Linux builds
// of per-platform binary packages (Biome, esbuild...), so npm leaves the other platforms' optional
// packages out of package-lock.json and `npm ci` refuses it. This adds a placeholder entry (version,
// optional) for each; npm ci skips optional packages it cannot or need not install.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const entry of Object.values(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    packages[key] = { version, dev: entry.dev === true, optional: true };
    added++;
  }
}
if (added > 0) writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: ${added} placeholder entr${added === 1 ? 'y' : 'ies'} added`);
