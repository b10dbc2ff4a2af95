import { startBenchAzurite } from './fixtures/azurite.js';
import { createCertificateFolder } from './fixtures/certificates.js';
import { issueToken, loadTokenHandlers, seedBenchSites, serviceEnv, useServiceEnv } from './fixtures/site.js';
import { boundedLoop } from './lib/measure.js';

/**
 * `npm run bench:profile [-- 8]`: section 1's token loop alone (warm caches; 1, or the given number
 * of calls in flight) for 5 s, run by package.json under `node --cpu-prof`: open the .cpuprofile
 * in dist/bench/profile with Chrome DevTools to see the heaviest functions.
 */
const certificates = await createCertificateFolder();
const azurite = await startBenchAzurite();
try {
  const { tableName } = await seedBenchSites(azurite.directConnectionString, certificates);
  useServiceEnv(serviceEnv(azurite.directConnectionString, tableName, certificates.dir));
  const { tokenHandler } = await loadTokenHandlers();
  for (let i = 0; i < 500; i++) await issueToken(tokenHandler);
  const limits = { maxOps: 1_000_000, maxMs: 5000, concurrency: Number(process.argv[2] ?? 1) };
  const { opsPerSecond } = await boundedLoop(() => issueToken(tokenHandler), limits);
  process.stdout.write(`${Math.round(opsPerSecond)} tokens/s; profile in dist/bench/profile\n`);
} finally {
  await azurite.stop();
  await certificates.remove();
}
process.exit(0);
