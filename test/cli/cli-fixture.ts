import { beforeAll } from 'vitest';
import type { SettingsTable } from '../../shared/settings/settings-table.js';
import { azuriteConnectionString, freshSettingsTable, seedSite } from '../support/settings-fixture.js';

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

export interface FileCliStore {
  /** Filled in before the file's tests run, so it can be captured at once: `{ env }`. */
  env: Record<string, string>;
  /** The table, once the file's tests run. */
  readonly table: SettingsTable;
  /** A site's setting as the table holds it now. */
  setting(site: string, name: string): Promise<string | undefined>;
}

/**
 * The CLI store of a test file: a fresh table made before its tests (beforeAll), seeded with
 * `sites` (site id to settings). Call it at the top of the file.
 */
export function cliStoreForFile(sites: Record<string, Record<string, string>>): FileCliStore {
  const env: Record<string, string> = {};
  let table: SettingsTable | undefined;
  const started = () => {
    if (!table) throw new Error('the CLI store is made in beforeAll');
    return table;
  };
  beforeAll(async () => {
    const fresh = await freshCliStore();
    for (const [site, settings] of Object.entries(sites)) await seedSite(fresh.table, site, settings);
    Object.assign(env, fresh.env);
    table = fresh.table;
  });
  return {
    env,
    get table() {
      return started();
    },
    setting: (site, name) => storedSetting(started(), site, name),
  };
}

/** The argv of `clients VERB --site contoso --client-id ID ...extra`. */
export function clientsArgv(verb: 'add' | 'remove' | 'list', id: string, ...extra: string[]): string[] {
  return ['clients', verb, '--site', 'contoso', '--client-id', id, ...extra];
}
