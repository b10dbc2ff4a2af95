import { normalizeThumbprint } from '../certs/thumbprint.js';
import { isConformingRedirectUri } from '../oidc/authorize/redirect-uri-rules.js';
import { redirectUriRowClient, withoutCaseCollisions } from './client-ids.js';
import { parseCorsOrigins } from './cors-origins.js';
import {
  allowRefreshTokensSettingName,
  postLogoutRedirectUriSettingName,
  redirectUriSettingName,
  SETTING,
} from './setting-names.js';
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
  /** A client's redirect URIs: only from the row whose stored name spells the id exactly. */
  redirectUris(clientId: string): string[];
  /** `ImplicitGrantFlow/CorsAllowedOrigins`, as origins; entries that are not origins are left out. */
  corsAllowedOrigins: ReadonlySet<string>;
  /** `ImplicitGrantFlow/VerifyRequiresClientId`: verify refuses a request without client_id. */
  verifyRequiresClientId: boolean;
  /**
   * Where a registered client may be sent after sign-out: its conforming
   * `ImplicitGrantFlow/{ClientId}/PostLogoutRedirectUri` entries (empty for an unregistered client).
   */
  postLogoutRedirectUris(clientId: string): readonly string[];
  /** Whether the client may get refresh tokens (`ImplicitGrantFlow/{ClientId}/AllowRefreshTokens`). */
  allowsRefreshTokens(clientId: string): boolean;
  /** Idle lifetime of a refresh token, seconds (`ImplicitGrantFlow/RefreshTokenLifetime`). */
  refreshTokenLifetimeSeconds: number;
  /** The raw value of any setting, by case-insensitive name. */
  get(name: string): string | undefined;
}

export const DEFAULT_TOKEN_LIFETIME = 900;
export const MIN_TOKEN_LIFETIME = 60;
export const MAX_TOKEN_LIFETIME = 3600;

/** A lifetime setting in seconds: a whole number clamped to [min, max]; anything else gives `fallback`. */
export function parseSeconds(value: string | undefined, fallback: number, min: number, max: number): number {
  const text = value?.trim() ?? '';
  if (!/^[+-]?\d+$/.test(text)) return fallback;
  return Math.min(max, Math.max(min, Number(text)));
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

/**
 * A site's settings from its rows. What the site's admin got wrong but the service can work around
 * is reported through `warn`, once per load, in one line: ids that differ only in case (all of them
 * refused), redirect-URI rows spelled with another case of a registered id (ignored), and entries
 * of CorsAllowedOrigins that are not origins (ignored).
 */
export function parseSiteSettings(
  siteId: string,
  rows: ReadonlyMap<string, StoredSetting>,
  warn: (message: string) => void = () => {},
): SiteSettings {
  const get = (name: string) => rows.get(name.trim().toLowerCase())?.value;
  const clients = withoutCaseCollisions(splitList(get(SETTING.registeredClientId)));
  const cors = parseCorsOrigins(splitList(get(SETTING.corsAllowedOrigins)));
  // Parsed once per load. Entries that break the redirect URI rules (not https or http loopback, a
  // fragment, user info, non-ASCII) are dropped here, so a mistyped setting never becomes a target.
  const postLogoutRedirectUris = new Map(
    [...clients.ids].map((id) => [
      id,
      splitList(get(postLogoutRedirectUriSettingName(id))).filter(isConformingRedirectUri),
    ]),
  );
  const redirectUris = (clientId: string) => {
    const row = rows.get(redirectUriSettingName(clientId).toLowerCase());
    return row && redirectUriRowClient(row) === clientId ? splitList(row.value) : [];
  };
  const misspelled = [...clients.ids].filter(
    (id) => rows.has(redirectUriSettingName(id).toLowerCase()) && redirectUris(id).length === 0,
  );

  const problems = [
    clients.refused.length > 0
      ? `client ids that differ only in case are all refused: ${clients.refused.join(', ')}`
      : '',
    misspelled.length > 0
      ? `redirect URI settings named with another case of the client id are ignored for: ${misspelled.join(', ')}`
      : '',
    cors.rejected.length > 0
      ? `${SETTING.corsAllowedOrigins} entries that are not an https (or loopback http) origin are ignored: ${cors.rejected.map((entry) => JSON.stringify(entry.slice(0, 100))).join(', ')}`
      : '',
  ].filter((problem) => problem !== '');
  if (problems.length > 0) warn(`site '${siteId}' settings: ${problems.join('; ')}`);

  return {
    siteId,
    // Power Pages semantics: the flow is on unless the setting says False (any case).
    flowEnabled: get(SETTING.flowEnabled)?.trim().toLowerCase() !== 'false',
    tokenLifetimeSeconds: parseSeconds(
      get(SETTING.tokenExpirationTime),
      DEFAULT_TOKEN_LIFETIME,
      MIN_TOKEN_LIFETIME,
      MAX_TOKEN_LIFETIME,
    ),
    registeredClientIds: clients.ids,
    certificateThumbprint: parseThumbprintSetting(get(SETTING.certificateThumbprint)),
    redirectUris,
    corsAllowedOrigins: cors.origins,
    verifyRequiresClientId: get(SETTING.verifyRequiresClientId)?.trim().toLowerCase() === 'true',
    postLogoutRedirectUris: (clientId) => postLogoutRedirectUris.get(clientId) ?? [],
    // Off unless exactly True (any case): refresh tokens outlive the browser session, so opt in.
    allowsRefreshTokens: (clientId) =>
      get(allowRefreshTokensSettingName(clientId))?.trim().toLowerCase() === 'true',
    // A day unless set; 5 minutes to 30 days.
    refreshTokenLifetimeSeconds: parseSeconds(get(SETTING.refreshTokenLifetime), 86_400, 300, 2_592_000),
    get,
  };
}
