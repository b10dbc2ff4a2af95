import { afterAll, afterEach, beforeAll } from 'vitest';
import type { SettingsTable } from '../../../shared/settings/settings-table.js';
import { seedSite } from '../../support/settings-fixture.js';
import { OutageAzurite } from './outage-azurite.js';

export interface OutageSuite {
  readonly azurite: OutageAzurite;
  /** The file's settings table, through the gate. */
  readonly table: SettingsTable;
}

/**
 * The OutageAzurite of a test file with one settings table, made and seeded with `sites` (site id
 * to settings) before the file's tests. A test may stop Azurite or make the gate hang: after each
 * one it runs and forwards again. Call it at the top of the file.
 */
export function outageAzuriteForFile(
  tableName: string,
  sites: Record<string, Record<string, string>> = {},
): OutageSuite {
  let started: { azurite: OutageAzurite; table: SettingsTable } | undefined;
  const suite = () => {
    if (!started) throw new Error('the outage Azurite starts in beforeAll');
    return started;
  };
  beforeAll(async () => {
    const azurite = await OutageAzurite.start();
    started = { azurite, table: await azurite.table(tableName) };
    await started.table.ensureTable();
    for (const [site, settings] of Object.entries(sites)) await seedSite(started.table, site, settings);
  }, 60_000);
  afterAll(() => started?.azurite.dispose());
  afterEach(async () => {
    suite().azurite.gate.setMode('forward');
    await suite().azurite.start();
  }, 60_000);
  return {
    get azurite() {
      return suite().azurite;
    },
    get table() {
      return suite().table;
    },
  };
}
