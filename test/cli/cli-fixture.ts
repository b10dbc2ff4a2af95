import type { SettingsTable } from '../../shared/settings/settings-table.js';
import { azuriteConnectionString, freshSettingsTable } from '../support/settings-fixture.js';

/**
 * A fresh settings table in Azurite for a CLI test file, and the environment that points the CLI
 * at it (pass as `{ env }` to runCli / expectExit).
 */
export async function freshCliStore(): Promise<{ table: SettingsTable; env: Record<string, string> }> {
  const { table, tableName } = await freshSettingsTable();
  return {
    table,
    env: {
      SITE_SETTINGS_CONNECTION_STRING: azuriteConnectionString(),
      SITE_SETTINGS_TABLE_NAME: tableName,
    },
  };
}

/** A site's setting as the table holds it now (names are case-insensitive). */
export async function storedSetting(table: SettingsTable, site: string, name: string) {
  return (await table.readSite(site)).get(name.toLowerCase())?.value;
}
