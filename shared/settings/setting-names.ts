/** The site settings this service reads. Names match case-insensitively, as in Power Pages. */
export const SETTING = {
  flowEnabled: 'Connector/ImplicitGrantFlowEnabled',
  tokenExpirationTime: 'ImplicitGrantFlow/TokenExpirationTime',
  registeredClientId: 'ImplicitGrantFlow/RegisteredClientId',
  certificateThumbprint: 'CustomCertificates/ImplicitGrantflow',
} as const;

/** `ImplicitGrantFlow/{ClientId}/RedirectUri`: semicolon-separated redirect URIs of one client. */
export function redirectUriSettingName(clientId: string): string {
  return `ImplicitGrantFlow/${clientId}/RedirectUri`;
}

/**
 * The Table RowKey of a setting. Table keys may not contain `/`, `\`, `#` or `?`, which setting
 * names do; percent-encoding the lowercased name keeps keys legal and lookups case-insensitive.
 */
export function settingRowKey(name: string): string {
  return encodeURIComponent(name.trim().toLowerCase());
}
