import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBenchAzurite } from './fixtures/azurite.js';
import { createCertificateFolder } from './fixtures/certificates.js';
import { seedBenchSites, serviceEnv, useServiceEnv } from './fixtures/site.js';
import { freshFunctionFiles, ROOT } from './lib/build-check.js';
import { killAllChildren } from './lib/children.js';
import { loadTokenHandlers } from './lib/functions.js';
import { describeMachine } from './lib/machine.js';
import { parallelSigningScale } from './lib/parallel-scale.js';
import { parseOptions, type Section } from './options.js';
import { renderReport } from './report/render.js';
import type { BenchResults } from './report/results.js';
import { loadResults, saveResults } from './report/saved-results.js';
import { runAlgorithms } from './sections/algorithms.js';
import { runBackendCalls } from './sections/backend-calls.js';
import { runColdStart } from './sections/cold-start.js';
import { runEventLoop } from './sections/event-loop.js';
import { runHttp } from './sections/http.js';
import { runInProcess } from './sections/in-process.js';

/**
 * `npm run bench`: the five measurements and the event-loop comparison, written to
 * docs/performance.md. Every server is on 127.0.0.1, every loop has a count and a time cap, and
 * a watchdog ends the run (and only the processes it started) if it ever overruns.
 */
const options = parseOptions(process.argv.slice(2));
const { budget } = options;
const log = (line: string) => process.stdout.write(`${line}\n`);
const REPORT = path.join(ROOT, 'docs', 'performance.md');

if (options.renderOnly) {
  await writeFile(REPORT, renderReport(await loadResults()));
  log(`Rendered ${path.relative(ROOT, REPORT)} from the last run's figures`);
  process.exit(0);
}
const heading = (text: string) => log(`\n== ${text}`);

const WATCHDOG_MS = (budget.quick ? 4 : 9) * 60_000;
setTimeout(() => {
  process.stderr.write(`bench: still running after ${WATCHDOG_MS / 60_000} minutes; stopping\n`);
  killAllChildren();
  process.exit(1);
}, WATCHDOG_MS).unref();

const runs = (section: Section) => options.sections.has(section);
const startedAt = new Date();
const t0 = performance.now();
const loadBefore = os.loadavg();
const machine = describeMachine();
log(
  `portal-sts benchmark (${budget.quick ? 'quick' : 'full'}) on ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}`,
);

// Checked now, not when the cold start runs: others may edit the sources while this runs.
const builds = runs('coldstart')
  ? {
      unbundled: await freshFunctionFiles('dist/functions', 'npm run build'),
      bundled: await freshFunctionFiles('dist/bundle/functions', 'npm run bundle'),
    }
  : undefined;
machine.parallelScale = await parallelSigningScale();
log(`two signing processes / one: ${machine.parallelScale.scale.toFixed(2)}`);

const certificates = await createCertificateFolder();
const azurite = await startBenchAzurite();
const partial: Partial<BenchResults> = {};
try {
  const { table, tableName } = await seedBenchSites(azurite.directConnectionString, certificates);
  const env = serviceEnv({
    connectionString: azurite.directConnectionString,
    tableName,
    certificatesDir: certificates.dir,
  });
  useServiceEnv(env);
  const { tokenHandler, tenantTokenHandler } = await loadTokenHandlers();
  const rsa2048 = certificates.byKind.rsa2048;

  if (runs('inprocess')) {
    heading('1. In-process: token handler vs raw jose signing');
    partial.inProcess = await runInProcess(tokenHandler, rsa2048, budget, log);
  }
  if (runs('eventloop')) {
    heading(`Event loop: ${budget.eventLoopConcurrency} concurrent signatures`);
    partial.eventLoop = await runEventLoop(tokenHandler, rsa2048, budget, log);
  }
  if (runs('algorithms')) {
    heading('5. Signing algorithms');
    partial.algorithms = await runAlgorithms(tenantTokenHandler, certificates, budget, log);
  }
  if (runs('backend')) {
    heading('3. Backend calls (Azurite through a counting proxy; Key Vault test server)');
    partial.backend = await runBackendCalls(tokenHandler, azurite, table, rsa2048, env, budget);
    log(`  ${JSON.stringify(partial.backend)}`);
  }
  if (runs('http')) {
    heading('2. Over HTTP: dev host vs oidc-provider (autocannon)');
    partial.http = await runHttp(env, budget, log);
  }
  if (builds) {
    heading('4. Cold start (fresh node processes)');
    partial.coldStart = await runColdStart(builds, rsa2048, env, budget, log);
  }
} finally {
  await azurite.stop();
  await certificates.remove();
}

const results = {
  ...partial,
  startedAt,
  durationSeconds: (performance.now() - t0) / 1000,
  command: `npm run bench${budget.quick ? ' -- --quick' : ''}`,
  quick: budget.quick,
  roundMs: budget.inProcessSideMs,
  machine,
  loadBefore,
  loadAfter: os.loadavg(),
} as BenchResults;
if (options.write) {
  await saveResults(results);
  await writeFile(REPORT, renderReport(results));
  log(`\nWrote ${path.relative(ROOT, REPORT)} (${results.durationSeconds.toFixed(0)} s)`);
} else {
  log(`\nNot writing docs/performance.md (only some sections ran, or --no-write).`);
}
// The Table client's keep-alive sockets would hold the process open a while longer.
process.exit(0);
