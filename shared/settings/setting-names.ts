/** The site settings this service reads. Names match case-insensitively, as in Power Pages. */
export const SETTING = {
  flowEnabled: 'Connector/ImplicitGrantFlowEnabled',
  tokenExpirationTime: 'ImplicitGrantFlow/TokenExpirationTime',
  registeredClientId: 'ImplicitGrantFlow/RegisteredClientId',
  certificateThumbprint: 'CustomCertificates/ImplicitGrantflow',
  corsAllowedOrigins: 'ImplicitGrantFlow/CorsAllowedOrigins',
  /** True: the verify endpoint refuses a request without client_id (invalid_request). */
  verifyRequiresClientId: 'ImplicitGrantFlow/VerifyRequiresClientId',
  /** Seconds a refresh token may go unused before it expires (code flow); see site-settings.ts. */
  refreshTokenLifetime: 'ImplicitGrantFlow/RefreshTokenLifetime',
  /**
   * Key rotation without downtime (see the README's runbook). Upcoming: semicolon-separated
   * thumbprints published (JWKS) before they sign. Previous: `thumbprint@retiredAtIso` entries of
   * keys that signed until `retiredAt`; they stay published and accepted for one maximum token
   * lifetime (3600 s) after it, so no token in flight fails validation.
   */
  upcomingThumbprints: 'CustomCertificates/ImplicitGrantflow/Upcoming',
  previousThumbprints: 'CustomCertificates/ImplicitGrantflow/Previous',
  /**
   * Rotation by name: the Key Vault certificate whose versions the site follows (a thumbprint set
   * in certificateThumbprint wins), and how long a new version is published before it signs.
   */
  certificateName: 'CustomCertificates/ImplicitGrantflow/Name',
  rotationLeadTime: 'ImplicitGrantFlow/RotationLeadTime',
} as const;

/** `ImplicitGrantFlow/{ClientId}/RedirectUri`: semicolon-separated redirect URIs of one client. */
export function redirectUriSettingName(clientId: string): string {
  return `ImplicitGrantFlow/${clientId}/RedirectUri`;
}

/** `ImplicitGrantFlow/{ClientId}/AllowRefreshTokens`: `True` lets the client get refresh tokens. */
export function allowRefreshTokensSettingName(clientId: string): string {
  return `ImplicitGrantFlow/${clientId}/AllowRefreshTokens`;
}

/**
 * `ImplicitGrantFlow/{ClientId}/PostLogoutRedirectUri`: semicolon-separated URIs a client may be
 * sent back to after sign-out (OpenID Connect RP-Initiated Logout 1.0).
 */
export function postLogoutRedirectUriSettingName(clientId: string): string {
  return `ImplicitGrantFlow/${clientId}/PostLogoutRedirectUri`;
}

/**
 * The Table RowKey of a setting. Table keys may not contain `/`, `\`, `#` or `?`, which setting
 * names do; percent-encoding the lowercased name keeps keys legal and lookups case-insensitive.
 */
export function settingRowKey(name: string): string {
  return encodeURIComponent(name.trim().toLowerCase());
}
