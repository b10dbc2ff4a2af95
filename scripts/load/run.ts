/**
 * `npm run load [-- --skip-build]`: 20,000 signed-in token requests at 100 connections against
 * `npm start`'s dev host in a child process, after a 1,000-request warm-up (LOAD_REQUESTS,
 * LOAD_CONNECTIONS, LOAD_WARMUP). Fails on any failed request or memory growth (memoryGrowth).
 * Loopback only; bounded by the request count and a 5-minute deadline; cleans up after itself.
 */
import { execFileSync } from 'node:child_process';
import { type RunningAzurite, startAzurite } from '../../dev/azurite.js';
import { killAllChildren } from '../lib/children.js';
import { devSignIn } from '../lib/dev-sign-in.js';
import { isToken, type LoadResult, runLoad } from '../lib/http-load.js';
import { type MemoryReading, ROOT, type ServerProcess, startDevHostProcess } from '../lib/server-process.js';

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
}
const REQUESTS = setting('LOAD_REQUESTS', 20_000);
const CONNECTIONS = setting('LOAD_CONNECTIONS', 100);
const WARMUP = setting('LOAD_WARMUP', 1_000);

const log = (line = '') => process.stdout.write(`${line}\n`);
const failed = (result: LoadResult) => result.failures + result.errors;

/**
 * Whether the host's memory stayed flat: heapUsed and external after a full GC at the start and end,
 * each within +15%. Samples during the run fall anywhere in V8's sawtooth (heapUsed swings 25-85 MB
 * here with no leak); after a full GC only what is referenced remains, which is what a leak grows.
 * RSS is shown, not judged: it climbs 8-15% while allocator and socket buffers settle.
 */
const FLAT_TOLERANCE = 0.15;

function memoryGrowth(start: MemoryReading, end: MemoryReading) {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const lines = (['rss', 'heapUsed', 'external'] as const).map((name) => {
    const change = end[name] / start[name] - 1;
    const line = `${name.padEnd(8)}: start ${mb(start[name])}, end ${mb(end[name])} (${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%)`;
    const flat = change <= FLAT_TOLERANCE;
    if (name === 'rss') return { flat: true, line: `  ${line}` };
    return { flat, line: `* ${line} ${flat ? 'flat' : `NOT FLAT (over +${FLAT_TOLERANCE * 100}%)`}` };
  });
  return { flat: lines.every((line) => line.flat), lines: lines.map((line) => line.line) };
}

const started: { azurite?: RunningAzurite; host?: ServerProcess } = {};

async function main(): Promise<number> {
  const startedAt = performance.now();
  if (!process.argv.includes('--skip-build')) {
    log('building (npm run build)...');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  started.azurite = await startAzurite({ inMemory: true });
  const { connectionString } = started.azurite;
  const host = await startDevHostProcess({ SITE_SETTINGS_CONNECTION_STRING: connectionString });
  started.host = host;
  const cookie = (await devSignIn(host.url)).header();
  const tokenLoad = (requests: number) =>
    runLoad({
      origin: host.url,
      path: '/_services/auth/token?client_id=demo-app',
      // A 200 that is not a token (the anonymous X-Responded-JSON answer, say) is a failure too.
      headers: { cookie, 'x-requested-with': 'XMLHttpRequest' },
      isSuccess: isToken,
      connections: CONNECTIONS,
      requests,
    });

  const warmup = await tokenLoad(WARMUP);
  if (failed(warmup) > 0) log(`warm-up: ${failed(warmup)} failed requests`);
  const start = (await host.probe(true)).memory;
  const result = await tokenLoad(REQUESTS);
  const memory = memoryGrowth(start, (await host.probe(true)).memory);

  const completed = result.successes + result.failures;
  const ok = failed(warmup) + failed(result) === 0 && memory.flat;
  const { seconds, errors, failures, p50Ms, p99Ms, maxMs } = result;
  log("portal-sts load run: GET /_services/auth/token (signed in, XHR), npm start's host as a child process");
  log(`  requests:    ${completed} of ${REQUESTS} at ${CONNECTIONS} connections in ${seconds.toFixed(1)} s`);
  log(`  failures:    ${errors} errors or timeouts, ${failures} answers not a 200 with a token`);
  log(`  throughput:  ${(completed / seconds).toFixed(0)} req/s`);
  log(`  latency:     p50 ${p50Ms} ms, p99 ${p99Ms} ms, max ${maxMs} ms`);
  log(`  host memory in use after a full GC (pid ${host.child.pid}), after a ${WARMUP}-request warm-up:`);
  for (const line of memory.lines) log(`    ${line}`);
  log(`  wall time:   ${((performance.now() - startedAt) / 1000).toFixed(1)} s in all`);
  log(ok ? 'PASS' : 'FAIL');
  return ok ? 0 : 1;
}

async function cleanUp(): Promise<void> {
  await started.host?.stop();
  await started.azurite?.stop();
}

setTimeout(() => {
  process.stderr.write('load run: over the 5-minute deadline, stopping\n');
  killAllChildren();
  void cleanUp().finally(() => process.exit(2));
}, 5 * 60_000).unref();

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`load run failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
