import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDevCertificate } from '../../dev/dev-certificate.js';
import { siteTokenHandler } from '../../functions/token.js';
import { apiRequest } from '../oidc-api/support.js';
import { callHandler } from '../support/call-handler.js';
import { seedSite } from '../support/settings-fixture.js';
import { ADA, principalHeaders, stubServiceEnv } from '../support/token-site.js';
import { report } from './support/measure.js';
import { OutageAzurite } from './support/outage-azurite.js';

/**
 * As many as the settings cache holds sites: with one space for all, they pushed out every real
 * one. (10,000 are asked for in settings-flood.test.ts; through the endpoint each costs a real
 * Table read, minutes under load.)
 */
const UNKNOWN_SITES = 1_000;
const REAL_SITES = Array.from({ length: 20 }, (_, i) => `real-${i}`);
/** Requests in flight at once while flooding: reads are CPU-bound, so more only queue longer. */
const FLOOD_CONCURRENCY = 8;

let azurite: OutageAzurite;
let certificatesDir: string;
const tableName = `Flood${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  azurite = await OutageAzurite.start();
  const table = await azurite.table(tableName);
  await table.ensureTable();
  for (const site of REAL_SITES) {
    await seedSite(table, site, { 'ImplicitGrantFlow/RegisteredClientId': 'demo-app' });
  }
  certificatesDir = await mkdtemp(join(tmpdir(), 'portal-sts-flood-certs-'));
  await createDevCertificate({ dir: certificatesDir, name: 'portal-sts-signing' });
}, 60_000);
afterAll(async () => {
  await azurite.dispose();
  await rm(certificatesDir, { recursive: true, force: true });
});

/** TTL 0, so a warm site is served from cache only in an outage. */
function configure(): void {
  stubServiceEnv({
    connectionString: azurite.connectionString,
    tableName,
    certificatesDir,
    defaultSite: REAL_SITES[0] as string,
  });
}

const signedIn = principalHeaders(ADA);

/** A signed-in user's token request to `/{site}/oauth2/v1/token`. */
function requestToken(site: string) {
  return callHandler(
    siteTokenHandler,
    apiRequest(`/${site}/oauth2/v1/token?client_id=demo-app`, {
      params: { site },
      headers: signedIn,
    }),
  );
}

/** Asks for a token of each site, a few at a time; returns how many answers had each status. */
async function flood(sites: string[]): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < sites.length) {
      const site = sites[next++] as string;
      const { status } = await requestToken(site);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: FLOOD_CONCURRENCY }, worker));
  return statuses;
}

const unknownSites = () =>
  Array.from({ length: UNKNOWN_SITES }, () => `made-up-${randomBytes(6).toString('hex')}`);

describe('the settings cache after a flood of unknown site ids', () => {
  it('still gives every site that was warm tokens while Azurite is stopped', async () => {
    configure();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const site of REAL_SITES) expect((await requestToken(site)).status).toBe(200);
    const started = performance.now();
    const statuses = await flood(unknownSites());
    // 404 each; on a loaded machine a read may pass its 5 s deadline (503): the id was still asked
    // for, and takes its place in the cache all the same.
    expect([...statuses.keys()].filter((status) => status !== 404 && status !== 503)).toEqual([]);
    report(`flood: ${UNKNOWN_SITES} unknown site ids (ms)`, performance.now() - started);
    await azurite.stop();
    const served = await Promise.all(REAL_SITES.map(async (site) => (await requestToken(site)).status));
    expect(served).toEqual(REAL_SITES.map(() => 200));
  }, 120_000);
});
