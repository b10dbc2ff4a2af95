/**
 * Load run: 20,000 signed-in token requests at 100 connections against the dev host, as a child
 * process started the way `npm start` starts it. Reports errors, req/s, latency and the host's
 * memory (250 ms samples: first against last quarter; and after a full GC: end against start, see
 * memory.ts), and exits non-zero on any failed request or when the heap or external memory in use
 * after GC grew by more than 15% over the run (after a 1,000-request warm-up).
 *
 *   npx tsx scripts/load/run.ts [--skip-build]
 *
 * Loopback only; bounded by the request count and a 5-minute deadline; cleans up after itself.
 * Environment: LOAD_REQUESTS (20000), LOAD_CONNECTIONS (100), LOAD_WARMUP (1000); LOAD_VERBOSE=1
 * prints every memory sample.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningAzurite, startAzurite } from '../../dev/azurite.js';
import { APP_SETTINGS } from '../../shared/config.js';
import { type AutocannonResult, runAutocannon } from './autocannon.js';
import { type HostProcess, startHostProcess } from './dev-host-process.js';
import { FLAT_TOLERANCE, type Growth, type MemoryVerdict, memoryVerdict } from './memory.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEADLINE_MS = 5 * 60_000;
const JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
}

const REQUESTS = setting('LOAD_REQUESTS', 20_000);
const CONNECTIONS = setting('LOAD_CONNECTIONS', 100);
const WARMUP = setting('LOAD_WARMUP', 1_000);

const log = (line = '') => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Signs in through the dev Easy Auth form once; returns the session cookie. */
async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/.auth/login/dev`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({
      userDetails: 'load@contoso.com',
      email: 'load@contoso.com',
      post_login_redirect_uri: '/',
    }),
  });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('AppServiceAuthSession='));
  if (response.status !== 303 || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie.split(';')[0] ?? '';
}

function tokenLoad(url: string, cookie: string, amount: number): Promise<AutocannonResult> {
  return runAutocannon({
    url: `${url}/_services/auth/token?client_id=demo-app`,
    connections: CONNECTIONS,
    amount,
    timeout: 10,
    headers: { cookie, 'x-requested-with': 'XMLHttpRequest' },
    // A 200 that is not a token (the anonymous X-Responded-JSON answer, say) is a failure too.
    verifyBody: (body) => JWS.test(body),
  });
}

function failures(result: AutocannonResult): number {
  return result.errors + result.timeouts + result.non2xx + result.mismatches;
}

/** One comparison; only the judged ones say flat or not (see memory.ts for why the others are not). */
function describeGrowth(
  name: string,
  change: Growth,
  labels: readonly [string, string],
  judged = false,
): string {
  const sign = change.growth >= 0 ? '+' : '';
  const percent = `${sign}${(change.growth * 100).toFixed(1)}%`;
  const line = `${name}: ${labels[0]} ${mb(change.first)}, ${labels[1]} ${mb(change.last)} (${percent})`;
  if (!judged) return `  ${line}`;
  return `* ${line} ${change.flat ? 'flat' : `NOT FLAT (over +${FLAT_TOLERANCE * 100}%)`}`;
}

function report(result: AutocannonResult, memory: MemoryVerdict, host: HostProcess): void {
  const completed = result['2xx'] + result.non2xx;
  const { latency } = result;
  log('portal-sts load run: GET /_services/auth/token (signed in, XHR), dev host as a child process');
  log(
    `  requests:    ${completed} of ${REQUESTS} at ${CONNECTIONS} connections in ${result.duration.toFixed(1)} s`,
  );
  log(
    `  failures:    ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ` +
      `${result.mismatches} bodies not a token`,
  );
  log(`  throughput:  ${(completed / result.duration).toFixed(0)} req/s`);
  log(`  latency:     p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms`);
  log(`  host memory (pid ${host.pid}) after a ${WARMUP}-request warm-up; judged: the lines marked *`);
  const quarters = ['first quarter', 'last quarter'] as const;
  const ends = ['start', 'end'] as const;
  log(`    ${memory.samples} samples every 250 ms, quarter means:`);
  log(`    ${describeGrowth('rss     ', memory.quarters.rss, quarters)}`);
  log(`    ${describeGrowth('heapUsed', memory.quarters.heapUsed, quarters)}`);
  log('    in use after a full GC:');
  log(`    ${describeGrowth('rss     ', memory.afterGc.rss, ends)}`);
  log(`    ${describeGrowth('heapUsed', memory.afterGc.heapUsed, ends, true)}`);
  log(`    ${describeGrowth('external', memory.afterGc.external, ends, true)}`);
}

/**
 * `npm start`'s environment on a free loopback port, a temporary data folder and this run's
 * Azurite: none of the caller's app settings (a Key Vault, another table) leak into the run.
 */
function hostEnvironment(dataDir: string, connectionString: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [...Object.keys(APP_SETTINGS), 'PORT', 'HOST', 'DATA_DIR']) delete env[name];
  return {
    ...env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SITE_SETTINGS_CONNECTION_STRING: connectionString,
  };
}

/** What the run started, so that both the normal end and the deadline can stop exactly that. */
const started: { azurite?: RunningAzurite; host?: HostProcess; dataDir?: string } = {};

async function cleanUp(): Promise<void> {
  await started.host?.stop();
  await started.azurite?.stop();
  if (started.dataDir) await rm(started.dataDir, { recursive: true, force: true });
}

async function main(): Promise<number> {
  const startedAt = performance.now();
  if (!process.argv.includes('--skip-build')) {
    log('building (npm run build)...');
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'portal-sts-load-'));
  started.dataDir = dataDir;
  try {
    const azurite = await startAzurite({ inMemory: true });
    started.azurite = azurite;
    const host = await startHostProcess(ROOT, hostEnvironment(dataDir, azurite.connectionString));
    started.host = host;
    const cookie = await signIn(host.url);

    const warmup = await tokenLoad(host.url, cookie, WARMUP);
    if (failures(warmup) > 0) log(`warm-up: ${failures(warmup)} failed requests`);
    const start = await host.memoryAfterGc();
    host.startSampling();
    const result = await tokenLoad(host.url, cookie, REQUESTS);
    const samples = host.stopSampling();
    const memory = memoryVerdict(samples, start, await host.memoryAfterGc());

    report(result, memory, host);
    if (process.env.LOAD_VERBOSE === '1') {
      for (const sample of samples)
        log(`    ${(sample.at / 1000).toFixed(2)} s  rss ${mb(sample.rss)}  heapUsed ${mb(sample.heapUsed)}`);
    }
    log(`  wall time:   ${((performance.now() - startedAt) / 1000).toFixed(1)} s in all`);
    const ok = failures(warmup) + failures(result) === 0 && memory.flat;
    log(ok ? 'PASS' : 'FAIL');
    return ok ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

const deadline = setTimeout(() => {
  process.stderr.write(`load run: over the ${DEADLINE_MS / 60_000}-minute deadline, stopping\n`);
  const gaveUp = setTimeout(() => process.exit(2), 15_000);
  void cleanUp().finally(() => {
    clearTimeout(gaveUp);
    process.exit(2);
  });
}, DEADLINE_MS);
deadline.unref();

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`load run failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
