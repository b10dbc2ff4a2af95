import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StsError } from '../../shared/errors/sts-error.js';
import { SiteSettingsCache } from '../../shared/settings/site-settings-cache.js';
import { seedSite } from '../support/settings-fixture.js';
import { CountingTable } from './support/counting-table.js';
import { recordingLog } from './support/fake-backend.js';
import { expectFailFastInBackoff, report, timed, timedAtDeadline } from './support/measure.js';
import { outageAzuriteForFile } from './support/outage-azurite-suite.js';

const TTL_S = 30;
const T0 = 1_000_000;
const SETTINGS = {
  'ImplicitGrantFlow/RegisteredClientId': 'demo-app',
  'ImplicitGrantFlow/TokenExpirationTime': '600',
};

const TABLE = `Outage${randomBytes(4).toString('hex')}`;
const clock = { now: T0 };
const outage = outageAzuriteForFile(TABLE);

/** A site of the test's own, and a cache over a counted table, as services.ts builds it. */
async function setUp(staleIfErrorSeconds?: number) {
  clock.now = T0;
  const site = `site-${randomBytes(3).toString('hex')}`;
  const admin = await outage.azurite.table(TABLE);
  await seedSite(admin, site, SETTINGS);
  const counting = new CountingTable(await outage.azurite.table(TABLE), clock);
  const logs = recordingLog();
  const cache = new SiteSettingsCache(counting, TTL_S, () => clock.now, {
    staleIfErrorSeconds,
    log: logs.log,
  });
  return { site, admin, counting, logs, cache };
}

const at = (secondsAfterTtl: number) => T0 + TTL_S * 1000 + secondsAfterTtl * 1000;

describe('site settings while Azurite is stopped and restarted', () => {
  it('serves the last good settings through a 60 s outage: 6 reads, 6 warnings, 121 requests', async () => {
    const { site, counting, logs, cache } = await setUp();
    await cache.get(site);
    await outage.azurite.stop();
    const lifetimes = new Set<number>();
    for (let s = 0; s <= 60; s += 0.5) {
      clock.now = at(s);
      lifetimes.add((await cache.get(site)).tokenLifetimeSeconds);
      await counting.idle();
    }
    expect(lifetimes).toEqual(new Set([600]));
    expect(counting.readTimes.slice(1).map((t) => (t - at(0)) / 1000)).toEqual([0, 1, 3, 7, 15, 31]);
    expect(logs.at('warn')).toHaveLength(6);
    expect(logs.at('warn')[0]?.message).toMatch(/^site settings of 'site-\w+': refresh failed \(/);
    // One line each: a described cause, never a stack trace.
    expect(logs.lines.filter((line) => line.message.includes('\n'))).toEqual([]);
    report(
      'settings: slowest failed read with Azurite stopped (ms)',
      Math.max(...counting.durations.slice(1)),
    );
  }, 30_000);

  it('recovers after Azurite restarts, with the same cache: the read after the backoff succeeds', async () => {
    const { site, admin, counting, logs, cache } = await setUp();
    await cache.get(site);
    await outage.azurite.stop();
    clock.now = at(0);
    expect((await cache.get(site)).tokenLifetimeSeconds).toBe(600);
    await outage.azurite.start();
    await admin.write(site, 'ImplicitGrantFlow/TokenExpirationTime', '120');
    clock.now = at(0.999);
    expect((await cache.get(site)).tokenLifetimeSeconds).toBe(600);
    expect(counting.reads).toBe(2);
    clock.now = at(1);
    await cache.get(site);
    await counting.idle();
    const recovered = await cache.get(site);
    expect(recovered.tokenLifetimeSeconds).toBe(120);
    // Written before the stop: Azurite saved it on SIGINT and read it back on start.
    expect([...recovered.registeredClientIds]).toEqual(['demo-app']);
    expect(counting.reads).toBe(3);
    expect(logs.at('info').map((l) => l.message)).toEqual([
      `site settings of '${site}': the backend answers again after 1 failed attempt(s)`,
    ]);
  }, 30_000);

  it('with nothing cached answers 503 PortalSTS0010 with Retry-After, then at once during the backoff', async () => {
    const { site, counting, cache } = await setUp();
    await outage.azurite.stop();
    const { first, second } = await expectFailFastInBackoff(() => cache.get(site), 'PortalSTS0010', '5');
    expect(counting.reads).toBe(1);
    report('settings: 503 with Azurite stopped, nothing cached (ms)', first.ms);
    report('settings: 503 during the backoff (ms)', second.ms);
    // Back without recreating anything: the first read after the backoff answers.
    await outage.azurite.start();
    clock.now += 1_000;
    expect((await cache.get(site)).tokenLifetimeSeconds).toBe(600);
  }, 30_000);

  it('answers within the 5 s read deadline when the Table service hangs, then without waiting', async () => {
    const cached = await setUp();
    await cached.cache.get(cached.site);
    const empty = await setUp();
    outage.azurite.gate.setMode('hang');
    clock.now = at(0);
    const { stale, failed } = await timedAtDeadline(
      cached.cache.get(cached.site),
      empty.cache.get(empty.site),
      5_000,
    );
    expect(stale.value?.tokenLifetimeSeconds).toBe(600);
    expect((failed.error as StsError).id).toBe('PortalSTS0010');
    // The backend is known to hang now: the next refresh runs in the background.
    clock.now = at(1);
    const next = await timed(cached.cache.get(cached.site));
    expect(next.ms).toBeLessThan(50);
    report('settings: hung Table, first request with a stale value (ms)', stale.ms);
    report('settings: hung Table, nothing cached, 503 after (ms)', failed.ms);
    report('settings: hung Table, requests after the first failure (ms)', next.ms);
    outage.azurite.gate.setMode('forward');
    await cached.counting.idle();
  }, 30_000);

  it('serves a deleted site as 404 after the TTL: no rows is an answer, not an outage', async () => {
    const { site, admin, counting, logs, cache } = await setUp();
    await cache.get(site);
    for (const name of Object.keys(SETTINGS)) await admin.delete(site, name);
    clock.now = at(-0.001);
    await expect(cache.get(site)).resolves.toMatchObject({ siteId: site });
    clock.now = at(0);
    await expect(cache.get(site)).rejects.toMatchObject({ id: 'PortalSTS0009', status: 404 });
    expect(counting.reads).toBe(2);
    expect(logs.lines).toEqual([]);
  });

  it('stops serving stale settings after BACKEND_STALE_IF_ERROR_SECONDS past the TTL', async () => {
    const { site, logs, cache } = await setUp(120);
    await cache.get(site);
    await outage.azurite.stop();
    clock.now = at(119.999);
    expect((await cache.get(site)).tokenLifetimeSeconds).toBe(600);
    clock.now = at(120);
    await expect(cache.get(site)).rejects.toMatchObject({ id: 'PortalSTS0010', status: 503 });
    expect(logs.at('error')).toHaveLength(1);
  }, 30_000);
});
