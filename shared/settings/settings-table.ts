import { odata, type TableClient } from '@azure/data-tables';
import { settingRowKey } from './setting-names.js';

/** One stored setting: the name as the admin typed it, and its value. */
export interface StoredSetting {
  name: string;
  value: string;
}

interface SettingEntity {
  partitionKey: string;
  rowKey: string;
  Name?: string;
  Value?: string;
}

/**
 * The most a site read may take, every page and SDK retry included: a token request waits on it
 * when nothing is cached, so a hung Table service must cost seconds, not the host's timeout.
 */
const SETTINGS_READ_TIMEOUT_MS = 5_000;

/**
 * Reads and writes the SiteSettings table: one entity per setting, PartitionKey = site id,
 * RowKey = settingRowKey(name), properties Name and Value.
 */
export class SettingsTable {
  constructor(private readonly client: TableClient) {}

  /** Every setting of a site, keyed by lowercased name. Empty when the site does not exist. */
  async readSite(siteId: string): Promise<Map<string, StoredSetting>> {
    const settings = new Map<string, StoredSetting>();
    // One deadline for the whole read: the SDK passes it to every page request and retry delay.
    const entities = this.client.listEntities<SettingEntity>({
      queryOptions: { filter: odata`PartitionKey eq ${siteId}` },
      abortSignal: AbortSignal.timeout(SETTINGS_READ_TIMEOUT_MS),
    });
    for await (const entity of entities) {
      const name = typeof entity.Name === 'string' ? entity.Name : decodeURIComponent(entity.rowKey);
      settings.set(name.toLowerCase(), { name, value: String(entity.Value ?? '') });
    }
    return settings;
  }

  /** The site ids that have at least one setting. */
  async listSites(): Promise<string[]> {
    const sites = new Set<string>();
    for await (const entity of this.client.listEntities<SettingEntity>({
      queryOptions: { select: ['PartitionKey'] },
    })) {
      sites.add(entity.partitionKey);
    }
    return [...sites].sort();
  }

  async write(siteId: string, name: string, value: string): Promise<void> {
    await this.client.upsertEntity(
      { partitionKey: siteId, rowKey: settingRowKey(name), Name: name.trim(), Value: value },
      'Replace',
    );
  }

  /** Deletes a setting; true when it existed. */
  async delete(siteId: string, name: string): Promise<boolean> {
    try {
      await this.client.deleteEntity(siteId, settingRowKey(name));
      return true;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    }
  }

  async ensureTable(): Promise<void> {
    await this.client.createTable();
  }
}
