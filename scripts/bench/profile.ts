import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hotFunctions } from './lib/cpu-profile.js';

/**
 * `npm run bench:profile [-- --concurrency=8]`: runs the in-process token loop under
 * `node --cpu-prof` and prints the functions with the most self time (set-up included, idle not):
 * how the handler path's cost was found. The .cpuprofile is kept for Chrome DevTools if asked
 * (`--keep`).
 */
const args = process.argv.slice(2);
const concurrency =
  /^--concurrency=(\d+)$/.exec(args.find((arg) => arg.startsWith('--concurrency=')) ?? '')?.[1] ?? '1';
const keep = args.includes('--keep');
const dir = await mkdtemp(path.join(tmpdir(), 'portal-sts-profile-'));
const loop = fileURLToPath(new URL('./profile/handler-loop.ts', import.meta.url));

const code = await new Promise<number | null>((resolve) => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--cpu-prof', `--cpu-prof-dir=${dir}`, loop], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PROFILE_CONCURRENCY: concurrency },
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  child.once('exit', (exitCode) => {
    clearTimeout(timer);
    resolve(exitCode);
  });
});
if (code !== 0) throw new Error(`the profiled loop exited ${code}`);

// --cpu-prof writes one profile per thread with JavaScript; the main thread's is the largest.
const files = await readdir(dir);
let best:
  | { file: string; busyMs: number; functions: Awaited<ReturnType<typeof hotFunctions>>['functions'] }
  | undefined;
for (const name of files.filter((file) => file.endsWith('.cpuprofile'))) {
  const summary = await hotFunctions(path.join(dir, name));
  if (!best || summary.busyMs > best.busyMs) best = { file: path.join(dir, name), ...summary };
}
if (!best) throw new Error('no .cpuprofile was written');
process.stdout.write(`main thread busy ${best.busyMs.toFixed(0)} ms; heaviest functions by self time:\n`);
for (const fn of best.functions) {
  process.stdout.write(
    `${(fn.share * 100).toFixed(1).padStart(5)}%  ${fn.selfMs.toFixed(0).padStart(6)} ms  ${fn.name}\n`,
  );
}
if (keep) process.stdout.write(`profile: ${best.file}\n`);
else await rm(dir, { recursive: true, force: true });
