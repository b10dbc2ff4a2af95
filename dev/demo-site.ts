import { redirectUriSettingName, SETTING } from '../shared/settings/setting-names.js';
import type { SettingsTable } from '../shared/settings/settings-table.js';

export const DEMO_CLIENT_ID = 'demo-app';

/** The settings a Power Pages admin would set for the demo page's app to get tokens. */
export function demoSiteSettings(publicBaseUrl: string): Record<string, string> {
  return {
    [SETTING.registeredClientId]: DEMO_CLIENT_ID,
    [redirectUriSettingName(DEMO_CLIENT_ID)]: new URL('/', publicBaseUrl).href,
    [SETTING.flowEnabled]: 'True',
    [SETTING.tokenExpirationTime]: '900',
  };
}

/**
 * Seeds the demo settings when the site has none; an existing site (the developer's own
 * settings from an earlier run) is never overwritten. Returns whether it seeded.
 */
export async function seedDemoSiteIfEmpty(table: SettingsTable, siteId: string, publicBaseUrl: string) {
  await table.ensureTable(); // a no-op when the table exists
  if ((await table.readSite(siteId)).size > 0) return false;
  for (const [name, value] of Object.entries(demoSiteSettings(publicBaseUrl)))
    await table.write(siteId, name, value);
  return true;
}
