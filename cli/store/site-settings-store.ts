import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { settingRowKey } from '../../shared/settings/setting-names.js';
import { SettingsTable } from '../../shared/settings/settings-table.js';
import { CliError, EXIT, notFound } from '../errors.js';

/** A stored setting with the ETag it was read with, for optimistic concurrency. */
export interface SettingRow {
  name: string;
  value: string;
  etag: string;
}

/** A site's settings keyed by lowercased name (names match case-insensitively, as in Power Pages). */
export type SiteRows = ReadonlyMap<string, SettingRow>;

/** A setting's value by name, case-insensitively. */
export function settingValue(rows: SiteRows, name: string): string | undefined {
  return rows.get(name.trim().toLowerCase())?.value;
}

/** New values by setting name; undefined deletes the setting. */
export type SettingChanges = Record<string, string | undefined>;

interface SettingEntity {
  partitionKey: string;
  rowKey: string;
  etag: string;
  Name?: string;
  Value?: string;
}

/**
 * The CLI's view of the SiteSettings table, in the entity format of shared/settings/settings-table.ts
 * (PartitionKey = site, RowKey = settingRowKey(name), Name, Value). It reads with ETags and writes a
 * command's changes in one transaction, so two admins changing the same site never interleave.
 */
export class SiteSettingsStore {
  readonly #client: TableClient;

  constructor(client: TableClient) {
    this.#client = client;
  }

  get tableName(): string {
    return this.#client.tableName;
  }

  async listSites(): Promise<string[]> {
    return this.#withTable(() => new SettingsTable(this.#client).listSites());
  }

  async read(siteId: string): Promise<SiteRows> {
    return this.#withTable(async () => {
      const rows = new Map<string, SettingRow>();
      const entities = this.#client.listEntities<SettingEntity>({
        queryOptions: { filter: odata`PartitionKey eq ${siteId}` },
      });
      for await (const entity of entities) {
        const name = typeof entity.Name === 'string' ? entity.Name : decodeURIComponent(entity.rowKey);
        rows.set(name.toLowerCase(), { name, value: String(entity.Value ?? ''), etag: entity.etag });
      }
      return rows;
    });
  }

  /** Reads a site that must exist: a site with no settings is unknown (exit 3). */
  async readExisting(siteId: string): Promise<SiteRows> {
    const rows = await this.read(siteId);
    if (rows.size === 0)
      throw notFound(`site '${siteId}' not found: it has no settings in table ${this.tableName}`);
    return rows;
  }

  /**
   * Applies changes atomically. Rows read in `snapshot` are replaced only if unchanged since (ETag);
   * new rows only if still absent. Deletes cannot carry an ETag in a transaction, a small window.
   */
  async commit(siteId: string, snapshot: SiteRows, changes: SettingChanges): Promise<void> {
    const actions: TransactionAction[] = [];
    for (const [name, value] of Object.entries(changes)) {
      const existing = snapshot.get(name.trim().toLowerCase());
      const entity = {
        partitionKey: siteId,
        rowKey: settingRowKey(name),
        Name: name.trim(),
        Value: value ?? '',
      };
      if (value === undefined) {
        if (existing) actions.push(['delete', entity]);
      } else if (existing) {
        if (existing.value !== value || existing.name !== name.trim()) {
          actions.push(['update', entity, 'Replace', { etag: existing.etag }]);
        }
      } else actions.push(['create', entity]);
    }
    if (actions.length === 0) return;
    try {
      await this.#withTable(() => this.#client.submitTransaction(actions));
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 409 || status === 412) {
        throw new CliError(
          EXIT.failed,
          `the settings of site '${siteId}' changed while this command ran: run it again`,
        );
      }
      throw error;
    }
  }

  /** A missing table is "not found" (3) rather than a failure: usually a wrong --table or account. */
  async #withTable<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const e = error as { statusCode?: number; code?: string; message?: string };
      if (e.statusCode === 404 && (e.code === 'TableNotFound' || /TableNotFound/.test(e.message ?? ''))) {
        throw notFound(`table ${this.tableName} does not exist in this storage account`);
      }
      throw error;
    }
  }
}
