import { odata, type TableClient } from '@azure/data-tables';
import { normalizeThumbprint } from '../certs/thumbprint.js';
import { SETTING, settingRowKey } from '../settings/setting-names.js';
import { KEY_VAULT_NAME } from './named-keys.js';

interface SettingEntity {
  partitionKey: string;
  Value?: string;
}

async function rowsNamed(client: TableClient, setting: string, abortSignal: AbortSignal) {
  const rows = new Map<string, string>();
  // One query across every site (partition) for one setting: RowKey is the setting's encoded name.
  for await (const entity of client.listEntities<SettingEntity>({
    queryOptions: { filter: odata`RowKey eq ${settingRowKey(setting)}`, select: ['PartitionKey', 'Value'] },
    abortSignal,
  })) {
    rows.set(entity.partitionKey, String(entity.Value ?? '').trim());
  }
  return rows;
}

/**
 * Every certificate the service follows by name, with the sites that use it: each site's
 * CustomCertificates/ImplicitGrantflow/Name where the site has no thumbprint setting (which would
 * win), found with two table queries (one per setting, across all sites), plus the deployment's
 * default certificate, which every site without either setting follows.
 */
export async function namedCertificates(
  client: TableClient,
  defaultName: string | undefined,
): Promise<Map<string, string[]>> {
  const abortSignal = AbortSignal.timeout(30_000);
  const [names, thumbprints] = await Promise.all([
    rowsNamed(client, SETTING.certificateName, abortSignal),
    rowsNamed(client, SETTING.certificateThumbprint, abortSignal),
  ]);
  const bySite = new Map<string, string[]>();
  if (defaultName) bySite.set(defaultName, ['(default certificate)']);
  for (const [site, name] of [...names].sort(([a], [b]) => a.localeCompare(b))) {
    const thumbprint = thumbprints.get(site);
    if ((thumbprint && normalizeThumbprint(thumbprint)) || !KEY_VAULT_NAME.test(name)) continue;
    bySite.set(name, [...(bySite.get(name) ?? []), site]);
  }
  return bySite;
}
