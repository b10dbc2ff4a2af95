import { withoutCaseCollisions } from '../shared/settings/client-ids.js';
import { allowedOrigin } from '../shared/settings/cors-origins.js';
import { parsePrevious, parseUpcoming } from '../shared/settings/rotation.js';
import {
  allowRefreshTokensSettingName,
  postLogoutRedirectUriSettingName,
  redirectUriSettingName,
  SETTING,
} from '../shared/settings/setting-names.js';
import {
  DEFAULT_TOKEN_LIFETIME,
  MAX_TOKEN_LIFETIME,
  MIN_TOKEN_LIFETIME,
  parseSeconds,
  splitList,
} from '../shared/settings/site-settings.js';
import { usageError } from './errors.js';
import { validClientId, validRedirectUri, validThumbprint } from './validation.js';

export interface CheckedSetting {
  /** The value to store (normalised where the service would normalise it anyway). */
  value: string;
  warnings: string[];
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.toLowerCase();
const REDIRECT_URI_NAME = /^ImplicitGrantFlow\/([^/]+)\/(?:PostLogout)?RedirectUri$/i;
const ALLOW_REFRESH_NAME = /^ImplicitGrantFlow\/([^/]+)\/AllowRefreshTokens$/i;

/**
 * Checks a value for `settings set` by the rules the service reads it with (site-settings.ts).
 * Values the service would refuse outright are bad input; values it would silently replace by a
 * default are stored with a warning, since that is what the admin typed.
 */
export function checkSetting(name: string, value: string): CheckedSetting {
  if (name.trim() === '' || /[\p{Cc}#?\\]/u.test(name)) {
    throw usageError(`'${name}' is not a setting name (no control characters, #, ? or \\)`);
  }
  if (same(name, SETTING.flowEnabled)) {
    if (!/^(true|false)$/i.test(value.trim()))
      throw usageError(`${SETTING.flowEnabled} must be True or False`);
    return { value: /^true$/i.test(value.trim()) ? 'True' : 'False', warnings: [] };
  }
  if (same(name, SETTING.tokenExpirationTime)) return checkLifetime(value);
  if (same(name, SETTING.certificateThumbprint)) {
    return {
      value: validThumbprint(value),
      warnings: ['setting the active thumbprint directly keeps no Previous key: prefer `cert activate`'],
    };
  }
  if (same(name, SETTING.upcomingThumbprints)) {
    const { items, invalid } = parseUpcoming(value);
    if (invalid.length > 0) throw usageError(`not thumbprints: ${invalid.join(', ')}`);
    return { value: items.join(';'), warnings: [] };
  }
  if (same(name, SETTING.previousThumbprints)) {
    const { invalid } = parsePrevious(value);
    if (invalid.length > 0) {
      throw usageError(`not THUMBPRINT@ISO-8601-instant entries: ${invalid.join(', ')}`);
    }
    return { value, warnings: [] };
  }
  if (same(name, SETTING.registeredClientId)) {
    splitList(value).forEach(validClientId);
    const { refused } = withoutCaseCollisions(splitList(value));
    if (refused.length > 0)
      throw usageError(
        `client ids that differ only in case cannot both be registered: ${refused.join(', ')}`,
      );
    return { value, warnings: ['prefer `clients add|remove`: it keeps the redirect URIs consistent'] };
  }
  if (same(name, SETTING.corsAllowedOrigins)) {
    const bad = splitList(value).filter((entry) => allowedOrigin(entry) === undefined);
    if (bad.length > 0) {
      throw usageError(
        `not origins (https, or http on localhost, 127.0.0.1 or [::1]; no path, no wildcard): ${bad.join(', ')}`,
      );
    }
    return { value, warnings: [] };
  }
  const redirect = REDIRECT_URI_NAME.exec(name.trim());
  const client = redirect?.[1];
  if (
    client &&
    (same(name, redirectUriSettingName(client)) || same(name, postLogoutRedirectUriSettingName(client)))
  ) {
    validClientId(client);
    splitList(value).forEach(validRedirectUri);
  }
  const refresh = ALLOW_REFRESH_NAME.exec(name.trim())?.[1];
  if (refresh && same(name, allowRefreshTokensSettingName(refresh))) {
    validClientId(refresh);
    if (!/^(true|false)$/i.test(value.trim())) throw usageError(`${name.trim()} must be True or False`);
    return { value: /^true$/i.test(value.trim()) ? 'True' : 'False', warnings: [] };
  }
  return { value, warnings: [] };
}

/** Warns when the service will not take a lifetime as written, with what its own parser makes of it. */
function checkLifetime(value: string): CheckedSetting {
  const text = value.trim();
  const used = parseSeconds(text, DEFAULT_TOKEN_LIFETIME, MIN_TOKEN_LIFETIME, MAX_TOKEN_LIFETIME);
  if (!/^[+-]?\d+$/.test(text)) {
    return { value, warnings: [`'${value}' is not a whole number of seconds: the service will use ${used}`] };
  }
  const seconds = Number(text);
  if (seconds === used) return { value: text, warnings: [] };
  const range = `${MIN_TOKEN_LIFETIME}-${MAX_TOKEN_LIFETIME}`;
  return { value: text, warnings: [`${seconds} is outside ${range}: the service will use ${used}`] };
}
