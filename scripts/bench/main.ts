import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { killAllChildren } from '../lib/children.js';
import { ROOT } from '../lib/server-process.js';
import { startBenchAzurite } from './fixtures/azurite.js';
import { createCertificateFolder } from './fixtures/certificates.js';
import { loadTokenHandlers, seedBenchSites, serviceEnv, useServiceEnv } from './fixtures/site.js';
import { fixed, table, verdict } from './lib/format.js';
import { describeMachine, parallelSigningScale } from './lib/machine.js';
import type { Bench, SectionReport } from './lib/section.js';
import { runAlgorithms } from './sections/algorithms.js';
import { runBackendCalls } from './sections/backend-calls.js';
import { runCodeFlow } from './sections/code-flow.js';
import { freshBuild, runColdStart } from './sections/cold-start.js';
import { runEventLoop } from './sections/event-loop.js';
import { runHttp } from './sections/http.js';
import { runInProcess } from './sections/in-process.js';
import { runRemoteSigning } from './sections/remote-signing.js';

/**
 * `npm run bench [-- --quick]`: writes docs/performance.md (what is measured: its first paragraph).
 * --quick: fewer, shorter rounds (1.5 minutes instead of 4 on 2 idle cores). --profile
 * (`npm run bench:profile`, under `node --cpu-prof`): section 1 alone, its .cpuprofile in
 * dist/bench/profile for Chrome DevTools.
 */
const { quick, profile } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, profile: { type: 'boolean', default: false } },
}).values;
const log = (line: string) => process.stdout.write(`${line}\n`);
const watchdogMinutes = quick ? 8 : 15;
setTimeout(() => {
  process.stderr.write(`bench: still running after ${watchdogMinutes} minutes; stopping\n`);
  killAllChildren();
  process.exit(1);
}, watchdogMinutes * 60_000).unref();

const startedAt = new Date();
const loadBefore = os.loadavg();
const machine = describeMachine();
log(
  `portal-sts benchmark (${quick ? 'quick' : 'full'}) on ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}`,
);
// Checked now, not when the cold start runs: others may edit the sources while this runs.
const builds = {
  unbundled: await freshBuild('dist/functions', 'npm run build'),
  bundled: await freshBuild('dist/bundle/functions', 'npm run bundle'),
};
const scale = await parallelSigningScale();
log(`two signing processes / one: ${scale.scale.toFixed(2)}`);

const certificates = await createCertificateFolder();
const azurite = await startBenchAzurite();
/** The sections in the order they run; the report orders them by number. */
const SECTIONS: Array<[string, number, (b: Bench) => Promise<SectionReport>]> = [
  ['1. In-process: token handler vs raw jose signing', 1, runInProcess],
  ['Event loop: 64 concurrent signatures', 6, runEventLoop],
  ['5. Signing algorithms', 5, runAlgorithms],
  ['3. Backend calls (Azurite through a counting proxy; Key Vault test server)', 3, runBackendCalls],
  ['2. Over HTTP: dev host vs oidc-provider (autocannon)', 2, runHttp],
  ['6. Code flow: dev host vs oidc-provider (sequential round trips)', 7, runCodeFlow],
  ['7. Remote signing: Key Vault test server vs in process', 8, runRemoteSigning],
  ['4. Cold start (fresh node processes)', 4, runColdStart],
];
const reports: Array<[number, SectionReport]> = [];
try {
  const { table: settings, tableName } = await seedBenchSites(azurite.directConnectionString, certificates);
  const env = serviceEnv(azurite.directConnectionString, tableName, certificates.dir);
  useServiceEnv(env);
  const bench: Bench = {
    ...(await loadTokenHandlers()),
    ...{ quick, log, builds, certificates, azurite, settings, env },
    ...(quick ? { rounds: 3, sideMs: 600 } : { rounds: 5, sideMs: 1500 }),
    ...{ rsa2048: certificates.byKind.rsa2048, scale: scale.scale, signatureMs: Number.NaN },
  };
  for (const [heading, order, run] of SECTIONS) {
    log(`\n== ${heading}`);
    reports.push([order, await run(bench)]);
    if (profile) process.exit(0);
  }
} finally {
  await azurite.stop();
  await certificates.remove();
}

const sections = reports.sort(([a], [b]) => a - b).map(([, report]) => report);
const targets = sections.flatMap((s) => s.targets ?? []).map(([w, t, m, met]) => [w, t, m, verdict(met)]);
const seconds = (Date.now() - startedAt.getTime()) / 1000;
const loads = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');
const machineRows = [
  ['CPU model (os.cpus)', machine.cpuModel],
  ['cores (os.availableParallelism)', String(machine.cores)],
  ['memory', `${machine.memoryGiB} GiB`],
  ['Node.js', machine.node],
  ['OS', machine.os],
  ['libuv thread pool', `${machine.uvThreadpoolSize} threads`],
  [
    'two signing processes / one (RSA 2048, main thread)',
    `${fixed(scale.scale)} (${scale.one} vs ${scale.two} signatures in 1.5 s)`,
  ],
  ['load average (1, 5, 15 min) before / after', `${loads(loadBefore)} / ${loads(os.loadavg())}`],
];
const report = `# Performance

Generated by \`npm run bench\` (scripts/bench/main.ts): do not edit by hand, run it again. What is
measured, and why: (1) the token handler in-process against raw signing (what the handler adds),
(2) HTTP against oidc-provider (the reference OpenID Provider), (3) backend calls (none at steady
state), (4) cold start (the first token of a new instance), (5) signing algorithms (what a
certificate choice costs), whether signing blocks the event loop, (6) the code flow against
oidc-provider and its Table requests, (7) signing in Key Vault against signing in process.

## Machine

${table('|', machineRows)}

The machine is shared: other work (other engineers' test runs) shows in the load average.

## Method

- Command: \`npm run bench${quick ? ' -- --quick' : ''}\`, which builds (\`npm run build\`: tsc, then the esbuild bundle) and then runs
  \`tsx scripts/bench/main.ts\` (\`-- --quick\` measures less). This run took
  ${seconds.toFixed(0)} s${quick ? ' (quick)' : ''} and started ${startedAt.toISOString()}.
- Every comparison is made within one run, its sides alternating in rounds (A B A B ...), so a slow
  spell of the machine falls on all sides. Reported: each side's median round, the ratio of the
  medians, and the median of the per-round ratios (each pair ran back to back); round counts are
  odd, so a median is a measured figure. The per-round figures are in the tables.
- Backends are local (nothing leaves 127.0.0.1): Azurite's Table service in memory, a folder of PEM
  certificates, the Key Vault test server. Every loop stops at a count or a time, and a watchdog
  ends the run (and only the processes it started).
- Certificates are made fresh per run: RSA 2048 (the default, \`portal-sts-signing\`), RSA 3072, EC P-256.

## Targets

${table('measurement|target|measured|', targets)}

${sections.map((section) => section.markdown).join('\n\n')}`;
await writeFile(path.join(ROOT, 'docs', 'performance.md'), report);
log(`\nWrote docs/performance.md (${seconds.toFixed(0)} s)`);
// The Table client's keep-alive sockets would hold the process open a while longer.
process.exit(0);
