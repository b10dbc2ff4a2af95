#!/usr/bin/env node
// The admin CLI's launcher: runs the compiled CLI (dist/cli/main.js, built by `npm run build`).
// It does not build on demand: a build needs the dev dependencies and takes seconds, and an
// admin command that silently compiles first (or fails half-way through compiling) is surprising.
// It warns when the sources are newer than the build, so a stale CLI is never run unnoticed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const entry = join(root, 'dist', 'cli', 'main.js');

if (!existsSync(entry)) {
  process.stderr.write(
    `portal-sts: the CLI is not built (${entry} is missing): run \`npm run build\` in ${root}\n`,
  );
  process.exit(1);
}

/** The newest .ts file under the folders the CLI is compiled from; 0 where there are no sources. */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const item of entries) {
    const path = join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['cli', 'shared', 'dev'].map((dir) => newestSource(join(root, dir)));
if (Math.max(...sources) > statSync(entry).mtimeMs) {
  process.stderr.write('portal-sts: warning: the sources are newer than the build: run `npm run build`\n');
}

/** Exits once stdout and stderr are flushed: SDK keep-alive sockets must not keep the process up. */
function exitAfterFlush(code) {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

try {
  const { main } = await import(pathToFileURL(entry).href);
  exitAfterFlush(await main(process.argv.slice(2)));
} catch (error) {
  process.stderr.write(`portal-sts: ${error instanceof Error ? error.message : String(error)}\n`);
  exitAfterFlush(1);
}
