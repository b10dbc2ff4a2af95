import type { AppConfig } from '../config.js';
import { StsError } from '../errors/sts-error.js';
import { createSettingsTableClient } from '../settings/table-client.js';
import { AuthorizationCodeStore } from './authorization-codes.js';
import { RefreshTokenStore } from './refresh-tokens.js';

/**
 * The grant tables sit next to the settings table, named after it (SiteSettings →
 * SiteSettingsAuthCodes, SiteSettingsRefreshTokens): one storage account and identity for all,
 * and every settings table (each test's, each environment's) gets grant tables of its own.
 */
export function grantTableNames(settingsTableName: string): { codes: string; refreshTokens: string } {
  const names = {
    codes: `${settingsTableName}AuthCodes`,
    refreshTokens: `${settingsTableName}RefreshTokens`,
  };
  if (names.refreshTokens.length > 63)
    throw new StsError('PortalSTS0012', {
      detail:
        'SITE_SETTINGS_TABLE_NAME is too long to name the grant tables after it (at most 50 characters)',
    });
  return names;
}

/** The stores of authorization codes and refresh tokens; their tables are created on first use. */
export async function createGrantStores(
  settings: AppConfig['settings'],
): Promise<{ codes: AuthorizationCodeStore; refreshTokens: RefreshTokenStore }> {
  const names = grantTableNames(settings.tableName);
  return {
    codes: new AuthorizationCodeStore(
      await createSettingsTableClient({ ...settings, tableName: names.codes }),
    ),
    refreshTokens: new RefreshTokenStore(
      await createSettingsTableClient({ ...settings, tableName: names.refreshTokens }),
    ),
  };
}
