#!/usr/bin/env node
// Runs before `npm start` and `npm test` so that either works as the first command on a fresh
// clone: when node_modules is missing (or older than the lock file), install exactly the lock file.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const marker = new URL('../node_modules/.package-lock.json', import.meta.url);
const lock = new URL('../package-lock.json', import.meta.url);

const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs - 1000;
if (stale) {
  console.log('portal-sts: installing dependencies (npm ci)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
