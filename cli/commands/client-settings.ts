import {
  allowRefreshTokensSettingName,
  postLogoutRedirectUriSettingName,
  redirectUriSettingName,
  SETTING,
} from '../../shared/settings/setting-names.js';
import { splitList } from '../../shared/settings/site-settings.js';
import type { CommandContext } from '../command.js';
import { requiredSite, requiredString, SITE_OPTION, stringList, TABLE_OPTIONS } from '../options.js';
import { openStore } from '../store/open-store.js';
import type { SiteRows } from '../store/site-settings-store.js';
import { settingValue } from '../store/site-settings-store.js';
import { validClientId, validRedirectUri } from '../validation.js';

export const CLIENT_OPTIONS = {
  ...SITE_OPTION,
  ...TABLE_OPTIONS,
  'client-id': { type: 'string' },
  'redirect-uri': { type: 'string', multiple: true },
  'post-logout-redirect-uri': { type: 'string', multiple: true },
  'allow-refresh-tokens': { type: 'boolean' },
} as const;

export const RULES = `Client ids: at most 36 letters, digits and hyphens; case-sensitive, and never two that differ only
in case (they would share one redirect-URI setting). Redirect URIs and post-logout redirect URIs:
absolute, https (http only for localhost, 127.0.0.1 and [::1]), no fragment, no user name or password.`;

/** The per-client settings, by what they hold. */
export function clientSettingNames(clientId: string) {
  return {
    redirectUris: redirectUriSettingName(clientId),
    postLogoutRedirectUris: postLogoutRedirectUriSettingName(clientId),
    allowRefreshTokens: allowRefreshTokensSettingName(clientId),
  };
}

/** A client's configuration as stored: what `clients list` shows. */
export function storedClient(rows: SiteRows, clientId: string) {
  const names = clientSettingNames(clientId);
  return {
    redirectUris: splitList(settingValue(rows, names.redirectUris)),
    postLogoutRedirectUris: splitList(settingValue(rows, names.postLogoutRedirectUris)),
    // The service's rule (site-settings.ts): on only when the value is True, in any case.
    allowRefreshTokens: settingValue(rows, names.allowRefreshTokens)?.trim().toLowerCase() === 'true',
  };
}

/** The options of `clients add|remove`, checked by the rules the service reads them with. */
export function clientArguments(context: CommandContext) {
  return {
    site: requiredSite(context.values),
    clientId: validClientId(requiredString(context.values, 'client-id')),
    redirectUris: stringList(context.values, 'redirect-uri').map(validRedirectUri),
    postLogoutRedirectUris: stringList(context.values, 'post-logout-redirect-uri').map(validRedirectUri),
    allowRefreshTokens: context.values['allow-refresh-tokens'] === true,
  };
}

/**
 * What `clients add` and `clients remove` start from: the checked options, the store, the site's
 * rows (remove needs the site to exist, exit 3; add creates it), the registered client ids and
 * the client's stored settings.
 */
export async function openClientChange(context: CommandContext, options: { siteMustExist: boolean }) {
  const args = clientArguments(context);
  const { site, clientId } = args;
  const store = await openStore(context);
  const rows = options.siteMustExist ? await store.readExisting(site) : await store.read(site);
  const setting = clientSettingNames(clientId);
  const registered = splitList(settingValue(rows, SETTING.registeredClientId));
  return { args, site, clientId, store, rows, setting, registered, stored: storedClient(rows, clientId) };
}

/** Merges without duplicates, keeping the stored order and then the new items in the order given. */
export const merge = (stored: string[], added: string[]) => [...new Set([...stored, ...added])];

/** A list setting's new value: undefined (deleted) when empty. */
export const listValue = (items: string[]) => (items.length > 0 ? items.join(';') : undefined);
