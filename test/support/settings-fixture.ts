import { randomBytes } from 'node:crypto';
import { SettingsTable } from '../../shared/settings/settings-table.js';
import { createSettingsTableClient } from '../../shared/settings/table-client.js';

/** The Azurite started by test/support/azurite-setup.ts for this run. */
export function azuriteConnectionString(): string {
  const value = process.env.AZURITE_CONNECTION_STRING;
  if (!value) throw new Error('AZURITE_CONNECTION_STRING is not set: run the tests through vitest.config.ts');
  return value;
}

/** A fresh, uniquely named settings table in Azurite, so test files never see each other's rows. */
export async function freshSettingsTable(): Promise<{ table: SettingsTable; tableName: string }> {
  const tableName = `Settings${randomBytes(6).toString('hex')}`;
  const client = await createSettingsTableClient({
    connectionString: azuriteConnectionString(),
    tableUrl: undefined,
    tableName,
    ttlSeconds: 30,
  });
  const table = new SettingsTable(client);
  await table.ensureTable();
  return { table, tableName };
}

/** Writes a site's settings. */
export async function seedSite(
  table: SettingsTable,
  siteId: string,
  settings: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(settings)) await table.write(siteId, name, value);
}
