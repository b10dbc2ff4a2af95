import { TableClient } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { SiteSettingsStore } from '../../cli/store/site-settings-store.js';
import { azuriteConnectionString, freshSettingsTable, seedSite } from '../support/settings-fixture.js';

describe('SiteSettingsStore: concurrent changes', () => {
  it('refuses to overwrite a setting changed since it was read (exit 1), and writes nothing', async () => {
    const { table, tableName } = await freshSettingsTable();
    const client = TableClient.fromConnectionString(azuriteConnectionString(), tableName, {
      allowInsecureConnection: true,
    });
    const store = new SiteSettingsStore(client);
    await seedSite(table, 'racy', { A: '1', B: '1' });
    const snapshot = await store.read('racy');
    await table.write('racy', 'A', 'changed by someone else');
    const error = await store.commit('racy', snapshot, { A: '2', B: '2' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      exitCode: 1,
      message: expect.stringContaining('changed while this command ran'),
    });
    const rows = await table.readSite('racy');
    expect([rows.get('a')?.value, rows.get('b')?.value]).toEqual(['changed by someone else', '1']);
  });
});
