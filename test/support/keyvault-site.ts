import { vi } from 'vitest';
import { resetServices } from '../../shared/services.js';
import type { SettingsTable } from '../../shared/settings/settings-table.js';
import { azuriteConnectionString, freshSettingsTable, seedSite } from './settings-fixture.js';
import { DEMO_SETTINGS } from './token-site.js';

/**
 * Sites in Azurite whose certificates come from a test Key Vault (CERTIFICATE_SOURCE=keyvault), as
 * a deployment has them; the services are rebuilt from this environment on the next request.
 */
export async function setUpKeyVaultSites(
  vaultUrl: string,
  sites: Record<string, Record<string, string>>,
  env: Record<string, string> = {},
): Promise<SettingsTable> {
  const { table, tableName } = await freshSettingsTable();
  for (const [siteId, settings] of Object.entries(sites)) {
    await seedSite(table, siteId, { ...DEMO_SETTINGS, ...settings });
  }
  const all: Record<string, string> = {
    DEFAULT_SITE: Object.keys(sites)[0] ?? 'contoso',
    PUBLIC_BASE_URL: 'https://sts.contoso.example',
    SITE_SETTINGS_CONNECTION_STRING: azuriteConnectionString(),
    SITE_SETTINGS_TABLE_NAME: tableName,
    SITE_SETTINGS_TTL_SECONDS: '0',
    CERTIFICATE_SOURCE: 'keyvault',
    KEY_VAULT_URL: vaultUrl,
    DEFAULT_CERTIFICATE_NAME: 'portal-sts-signing',
    CERTIFICATE_VERSIONS_TTL_SECONDS: '0',
    WEBSITE_AUTH_ENABLED: 'True',
    ...env,
  };
  for (const [name, value] of Object.entries(all)) vi.stubEnv(name, value);
  resetServices();
  return table;
}
