import type { AppConfig } from '../config.js';
import { StsError } from '../errors/sts-error.js';
import { createSettingsTableClient } from '../settings/table-client.js';
import { AuthorizationCodeStore } from './authorization-codes.js';
import { GrantTable } from './grant-table.js';
import { RefreshTokenStore } from './refresh-tokens.js';

/**
 * The stores of authorization codes and refresh tokens; their tables are created on first use.
 * The grant tables sit next to the settings table, named after it (SiteSettings →
 * SiteSettingsAuthCodes, SiteSettingsRefreshTokens): one storage account and identity for all,
 * and every settings table (each test's, each environment's) gets grant tables of its own.
 */
export async function createGrantStores(settings: AppConfig['settings']) {
  if (`${settings.tableName}RefreshTokens`.length > 63)
    throw new StsError('PortalSTS0012', {
      detail:
        'SITE_SETTINGS_TABLE_NAME is too long to name the grant tables after it (at most 50 characters)',
    });
  const table = async (suffix: string) =>
    new GrantTable(
      await createSettingsTableClient({ ...settings, tableName: `${settings.tableName}${suffix}` }),
    );
  return {
    codes: new AuthorizationCodeStore(await table('AuthCodes')),
    refreshTokens: new RefreshTokenStore(await table('RefreshTokens')),
  };
}
