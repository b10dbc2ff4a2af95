import { beforeEach, describe, expect, it } from 'vitest';
import { StsError } from '../../shared/errors/sts-error.js';
import { SettingsTable } from '../../shared/settings/settings-table.js';
import { SiteSettingsCache } from '../../shared/settings/site-settings-cache.js';
import { createSettingsTableClient } from '../../shared/settings/table-client.js';
import { freshSettingsTable, seedSite } from '../support/settings-fixture.js';

/** Counts the reads that reach Azurite, to prove what the cache saves. */
class CountingTable {
  reads = 0;
  constructor(private readonly table: SettingsTable) {}
  readSite(siteId: string) {
    this.reads++;
    return this.table.readSite(siteId);
  }
}

let table: SettingsTable;
let clock: number;
const now = () => clock;

beforeEach(async () => {
  ({ table } = await freshSettingsTable());
  clock = 1_000_000;
  await seedSite(table, 'contoso', {
    'ImplicitGrantFlow/RegisteredClientId': 'demo-app',
    'ImplicitGrantFlow/demo-app/RedirectUri': 'http://localhost:7071/',
    'ImplicitGrantFlow/TokenExpirationTime': '600',
  });
});

describe('site settings from Azurite', () => {
  it("round-trips names with slashes and keeps the admin's spelling", async () => {
    const rows = await table.readSite('contoso');
    expect(rows.get('implicitgrantflow/demo-app/redirecturi')).toEqual({
      name: 'ImplicitGrantFlow/demo-app/RedirectUri',
      value: 'http://localhost:7071/',
    });
  });

  it('matches names case-insensitively: a write in another case replaces the setting', async () => {
    await table.write('contoso', 'implicitgrantflow/tokenexpirationtime', '300');
    const rows = await table.readSite('contoso');
    expect([...rows.keys()].filter((k) => k === 'implicitgrantflow/tokenexpirationtime')).toHaveLength(1);
    expect(rows.get('implicitgrantflow/tokenexpirationtime')?.value).toBe('300');
  });

  it('serves steady state from memory and refreshes once per TTL', async () => {
    const counting = new CountingTable(table);
    const cache = new SiteSettingsCache(counting, 30, now);
    expect((await cache.get('contoso')).tokenLifetimeSeconds).toBe(600);
    for (let i = 0; i < 1000; i++) await cache.get('contoso');
    expect(counting.reads).toBe(1);

    await table.write('contoso', 'ImplicitGrantFlow/TokenExpirationTime', '120');
    clock += 29_000;
    expect((await cache.get('contoso')).tokenLifetimeSeconds).toBe(600);
    clock += 2_000;
    expect((await cache.get('contoso')).tokenLifetimeSeconds).toBe(120);
    expect(counting.reads).toBe(2);
  });

  it('shares one read among concurrent requests', async () => {
    const counting = new CountingTable(table);
    const cache = new SiteSettingsCache(counting, 30, now);
    await Promise.all(Array.from({ length: 50 }, () => cache.get('contoso')));
    expect(counting.reads).toBe(1);
  });

  it('reads every time with a TTL of 0', async () => {
    const counting = new CountingTable(table);
    const cache = new SiteSettingsCache(counting, 0, now);
    await cache.get('contoso');
    await cache.get('contoso');
    expect(counting.reads).toBe(2);
  });

  it('reports a site with no rows as PortalSTS0009, and caches that too', async () => {
    const counting = new CountingTable(table);
    const cache = new SiteSettingsCache(counting, 30, now);
    for (let i = 0; i < 3; i++) {
      await expect(cache.get('fabrikam')).rejects.toMatchObject({ id: 'PortalSTS0009', status: 404 });
    }
    expect(counting.reads).toBe(1);
  });

  it('reports an unreachable store as PortalSTS0010 with Retry-After, and retries after the backoff', async () => {
    const dead = new SettingsTable(
      await createSettingsTableClient({
        connectionString:
          'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;',
        tableUrl: undefined,
        tableName: 'SiteSettings',
        ttlSeconds: 30,
      }),
    );
    const counting = new CountingTable(dead);
    const cache = new SiteSettingsCache(counting, 30, now);
    const error = await cache.get('contoso').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StsError);
    expect(error).toMatchObject({ id: 'PortalSTS0010', status: 503, headers: { 'Retry-After': '5' } });
    // Within the first backoff (1 s) the store is left alone: the same 503 at once, no read.
    await expect(cache.get('contoso')).rejects.toMatchObject({ id: 'PortalSTS0010' });
    expect(counting.reads).toBe(1);
    clock += 1_000;
    await cache.get('contoso').catch(() => undefined);
    expect(counting.reads).toBe(2);
  });
});
