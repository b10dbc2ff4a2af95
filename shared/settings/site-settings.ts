import { normalizeThumbprint } from '../certs/thumbprint.js';
import { redirectUriSettingName, SETTING } from './setting-names.js';
import type { StoredSetting } from './settings-table.js';

/** A site's settings as the endpoints use them, parsed once per cache refresh. */
export interface SiteSettings {
  siteId: string;
  flowEnabled: boolean;
  tokenLifetimeSeconds: number;
  registeredClientIds: ReadonlySet<string>;
  /**
   * The configured signing thumbprint: undefined when none is set (use the default certificate),
   * `{ invalid: true }` when the setting holds something that is not a SHA-1 thumbprint.
   */
  certificateThumbprint: string | { invalid: true } | undefined;
  redirectUris(clientId: string): string[];
  /** `ImplicitGrantFlow/VerifyRequiresClientId`: verify refuses a request without client_id. */
  verifyRequiresClientId: boolean;
  /** The raw value of any setting, by case-insensitive name. */
  get(name: string): string | undefined;
}

export const DEFAULT_TOKEN_LIFETIME = 900;
export const MIN_TOKEN_LIFETIME = 60;
export const MAX_TOKEN_LIFETIME = 3600;

/** Seconds: a whole number clamped to [60, 3600]; anything that is not a whole number gives 900. */
export function parseTokenLifetime(value: string | undefined): number {
  const text = value?.trim() ?? '';
  if (!/^[+-]?\d+$/.test(text)) return DEFAULT_TOKEN_LIFETIME;
  const seconds = Number(text);
  return Math.min(MAX_TOKEN_LIFETIME, Math.max(MIN_TOKEN_LIFETIME, seconds));
}

/** Power Pages semantics: the flow is on unless the setting says False (any case). */
export function parseFlowEnabled(value: string | undefined): boolean {
  return value?.trim().toLowerCase() !== 'false';
}

/** Semicolon-separated lists, as Power Pages stores client ids and redirect URIs. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export function parseThumbprintSetting(value: string | undefined): SiteSettings['certificateThumbprint'] {
  if (value === undefined || value.trim() === '') return undefined;
  return normalizeThumbprint(value) ?? { invalid: true };
}

export function parseSiteSettings(siteId: string, rows: ReadonlyMap<string, StoredSetting>): SiteSettings {
  const get = (name: string) => rows.get(name.trim().toLowerCase())?.value;
  return {
    siteId,
    flowEnabled: parseFlowEnabled(get(SETTING.flowEnabled)),
    tokenLifetimeSeconds: parseTokenLifetime(get(SETTING.tokenExpirationTime)),
    registeredClientIds: new Set(splitList(get(SETTING.registeredClientId))),
    certificateThumbprint: parseThumbprintSetting(get(SETTING.certificateThumbprint)),
    redirectUris: (clientId) => splitList(get(redirectUriSettingName(clientId))),
    verifyRequiresClientId: get(SETTING.verifyRequiresClientId)?.trim().toLowerCase() === 'true',
    get,
  };
}
