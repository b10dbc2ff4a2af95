import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SettingsTable } from '../../shared/settings/settings-table.js';
import { SiteSettingsCache } from '../../shared/settings/site-settings-cache.js';
import { recordingLog } from './support/fake-backend.js';
import { outageAzuriteForFile } from './support/outage-azurite-suite.js';

const UNKNOWN_SITES = 10_000;
const REAL_SITES = Array.from({ length: 50 }, (_, i) => `real-${i}`);
const MADE_UP = 'made-up-';
const TTL_S = 30;
const T0 = 1_000_000;

const clock = { now: T0 };
const outage = outageAzuriteForFile(
  `Flood${randomBytes(4).toString('hex')}`,
  Object.fromEntries(
    REAL_SITES.map((site) => [site, { 'ImplicitGrantFlow/RegisteredClientId': 'demo-app' }]),
  ),
);

/**
 * The settings table as the cache sees it: real sites read from Azurite; made-up ids answered "no
 * rows", as Azurite answers them (checked below), without its round trip: 10,000 real reads take
 * minutes on a loaded machine, and the outage that follows is Azurite's own.
 */
const front: Pick<SettingsTable, 'readSite'> = {
  readSite: (siteId) =>
    siteId.startsWith(MADE_UP) ? Promise.resolve(new Map()) : outage.table.readSite(siteId),
};

const madeUp = (count: number) =>
  Array.from({ length: count }, () => `${MADE_UP}${randomBytes(6).toString('hex')}`);

/** Every real site read once, then 10,000 made-up ids asked for (each a 404), then past the TTL. */
async function warmThenFlood() {
  clock.now = T0;
  const logs = recordingLog();
  const cache = new SiteSettingsCache(front, TTL_S, () => clock.now, { log: logs.log });
  for (const site of REAL_SITES) await cache.get(site);
  const unknown = madeUp(UNKNOWN_SITES);
  for (const site of unknown) {
    await expect(cache.get(site)).rejects.toMatchObject({ id: 'PortalSTS0009' });
  }
  clock.now = T0 + TTL_S * 1000;
  return { cache, logs, unknown };
}

/** Each real site's token lifetime as the cache serves it now, or the error id. */
const serveAll = (cache: SiteSettingsCache) =>
  Promise.all(
    REAL_SITES.map((site) =>
      cache.get(site).then(
        (settings) => settings.siteId,
        (error: { id?: string }) => error.id,
      ),
    ),
  );

describe('site settings after 10,000 made-up site ids, then a Table outage', () => {
  it('answers made-up ids the way Azurite does: no rows', async () => {
    for (const site of madeUp(5))
      expect(await outage.table.readSite(site)).toEqual(await front.readSite(site));
  });

  it('serves every site that was warm while Azurite is stopped', async () => {
    const { cache, logs } = await warmThenFlood();
    await outage.azurite.stop();
    expect(await serveAll(cache)).toEqual(REAL_SITES);
    expect(logs.at('warn')).toHaveLength(REAL_SITES.length);
  }, 60_000);

  it('serves every site that was warm while the Table service hangs', async () => {
    const { cache } = await warmThenFlood();
    outage.azurite.gate.setMode('hang');
    expect(await serveAll(cache)).toEqual(REAL_SITES);
  }, 60_000);
});
