import { startBenchAzurite } from '../fixtures/azurite.js';
import { createCertificateFolder } from '../fixtures/certificates.js';
import { seedBenchSites, serviceEnv, useServiceEnv } from '../fixtures/site.js';
import { boundedLoop } from '../lib/bounded-loop.js';
import { loadTokenHandlers } from '../lib/functions.js';
import { issueToken } from '../sections/in-process.js';

/**
 * The in-process token loop of section 1, alone, for `node --cpu-prof`: set-up first, then
 * BENCH_PROFILE_MS of warm tokens with BENCH_PROFILE_CONCURRENCY in flight.
 */
const certificates = await createCertificateFolder();
const azurite = await startBenchAzurite();
try {
  const { tableName } = await seedBenchSites(azurite.directConnectionString, certificates);
  useServiceEnv(
    serviceEnv({
      connectionString: azurite.directConnectionString,
      tableName,
      certificatesDir: certificates.dir,
    }),
  );
  const { tokenHandler } = await loadTokenHandlers();
  for (let i = 0; i < 500; i++) await issueToken(tokenHandler);
  const result = await boundedLoop(() => issueToken(tokenHandler), {
    maxOps: 1_000_000,
    maxMs: Number(process.env.BENCH_PROFILE_MS ?? 5000),
    concurrency: Number(process.env.BENCH_PROFILE_CONCURRENCY ?? 1),
  });
  process.stdout.write(`${Math.round(result.opsPerSecond)} tokens/s\n`);
} finally {
  await azurite.stop();
  await certificates.remove();
}
process.exit(0);
