import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { ROOT } from '../lib/server-process.js';
import { startBenchAzurite } from './fixtures/azurite.js';
import { createCertificateFolder } from './fixtures/certificates.js';
import { issueToken, loadTokenHandlers } from './fixtures/requests.js';
import { seedBenchSites, serviceEnv, useServiceEnv } from './fixtures/site.js';
import { boundedLoop } from './lib/measure.js';

/**
 * `npm run bench:profile [-- 8]`: section 1's token loop (warm, 1 or the given number in flight) for
 * 5 s under V8's CPU profiler; prints the functions with the most self time, idle excluded, and
 * writes dist/bench/handler.cpuprofile for Chrome DevTools. This is how the handler's cost was found.
 */
const certificates = await createCertificateFolder();
const azurite = await startBenchAzurite();
const session = new Session();
try {
  const { tableName } = await seedBenchSites(azurite.directConnectionString, certificates);
  useServiceEnv(serviceEnv(azurite.directConnectionString, tableName, certificates.dir));
  const { tokenHandler } = await loadTokenHandlers();
  for (let i = 0; i < 500; i++) await issueToken(tokenHandler);
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const limits = { maxOps: 1_000_000, maxMs: 5000, concurrency: Number(process.argv[2] ?? 1) };
  const { opsPerSecond } = await boundedLoop(() => issueToken(tokenHandler), limits);
  const { profile } = await session.post('Profiler.stop');
  await mkdir(path.join(ROOT, 'dist/bench'), { recursive: true });
  await writeFile(path.join(ROOT, 'dist/bench/handler.cpuprofile'), JSON.stringify(profile));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, number>();
  profile.samples?.forEach((id, i) => {
    const frame = nodes.get(id);
    if (!frame || frame.functionName === '(idle)') return;
    const where = frame.url.replace(/^.*?\/(node_modules|shared|functions|dev|scripts)\//, '$1/');
    const name = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`${Math.round(opsPerSecond)} tokens/s; main thread busy ${busy.toFixed(0)} ms:\n`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    process.stdout.write(
      `${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(6)} ms  ${name}\n`,
    );
} finally {
  session.disconnect();
  await azurite.stop();
  await certificates.remove();
}
process.exit(0);
