import type { StoredSetting } from '../../shared/settings/settings-table.js';
import { parseSiteSettings, type SiteSettings } from '../../shared/settings/site-settings.js';

/** Rows as the settings table returns them: keyed by lowercased name, the name as it was written. */
export function settingRows(entries: Record<string, string>): Map<string, StoredSetting> {
  return new Map(Object.entries(entries).map(([name, value]) => [name.toLowerCase(), { name, value }]));
}

/** A site's settings as the service reads them from these rows (site `contoso` unless told). */
export function parsedSite(
  entries: Record<string, string>,
  options: { siteId?: string; warn?: (message: string) => void } = {},
): SiteSettings {
  return parseSiteSettings(options.siteId ?? 'contoso', settingRows(entries), options.warn);
}
