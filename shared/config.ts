import { StsError } from './errors/sts-error.js';
import { DEFAULT_STALE_IF_ERROR_SECONDS } from './resilience/resilient-cache.js';

/**
 * The app settings this service reads, with their defaults: the one place they are documented.
 * The Bicep consistency test and the README's settings table are checked against APP_SETTINGS.
 */
export const APP_SETTINGS = {
  DEFAULT_SITE: 'The site id served by /_services/auth/* (lowercase letters, digits, hyphen). Required.',
  PUBLIC_BASE_URL:
    'The public URL of the service; its host is the Power Pages `iss`. Default: the request URL origin.',
  SITE_SETTINGS_CONNECTION_STRING: 'A Table storage connection string (Azurite in development).',
  SITE_SETTINGS_TABLE_URL:
    'The Table service URL, used with DefaultAzureCredential (managed identity in Azure).',
  SITE_SETTINGS_TABLE_NAME: 'The settings table. Default: SiteSettings.',
  SITE_SETTINGS_TTL_SECONDS:
    "How long an instance caches a site's settings. Default: 30; 0 reads every time.",
  CERTIFICATE_SOURCE: '`keyvault` or `local`. Default: keyvault.',
  KEY_VAULT_URL: 'The Key Vault URL, for CERTIFICATE_SOURCE=keyvault.',
  LOCAL_CERTIFICATES_DIR: 'A folder of .pfx/.pem files, for CERTIFICATE_SOURCE=local.',
  LOCAL_CERTIFICATES_PASSWORD: 'The password of the local .pfx files, if any.',
  DEFAULT_CERTIFICATE_NAME:
    'The certificate used when a site names no thumbprint. Default: portal-sts-signing.',
  KEYVAULT_SIGN_TIMEOUT_MS:
    'The most one Key Vault signature (a key that is not exportable) may take, waiting in line included, before the request gets 503. Default: 5000.',
  CERTIFICATE_VERSIONS_TTL_SECONDS:
    "How long an instance trusts its list of a named certificate's versions. Default: 300; 0 lists on every key lookup.",
  WEBSITE_AUTH_ENABLED:
    'Set by App Service when Easy Auth is on; only then are X-MS-CLIENT-PRINCIPAL headers trusted.',
  AUTH_LOGIN_PROVIDER:
    'The Easy Auth provider of the sign-in URL (/.auth/login/<provider>), or a comma-separated list (the first signs in); only principals whose X-MS-CLIENT-PRINCIPAL-IDP is listed are trusted. Default: aad.',
  BACKEND_STALE_IF_ERROR_SECONDS:
    'While Table storage or Key Vault fails, how long past its TTL the last good site settings and default certificate are still served. Default: 3600; 0 serves nothing stale.',
} as const;

type AppSettingName = keyof typeof APP_SETTINGS;

export interface AppConfig {
  defaultSite: string;
  publicBaseUrl: URL | undefined;
  settings: {
    connectionString: string | undefined;
    tableUrl: string | undefined;
    tableName: string;
    ttlSeconds: number;
  };
  certificates: {
    source: 'keyvault' | 'local';
    keyVaultUrl: string | undefined;
    localDir: string | undefined;
    localPassword: string | undefined;
    defaultName: string;
    /** Optional so a store built by hand (tests, the CLI) gets the defaults. */
    signTimeoutMs?: number | undefined;
    versionsTtlSeconds?: number | undefined;
  };
  auth: { trustPrincipalHeaders: boolean; loginProvider: string; identityProviders: readonly string[] };
  resilience: { staleIfErrorSeconds: number };
}

export const SITE_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62})$/;
const NAME_PATTERN = /^[A-Za-z0-9-]{1,127}$/;

type Env = Readonly<Record<string, string | undefined>>;

function misconfigured(detail: string): StsError {
  return new StsError('PortalSTS0012', { detail });
}

function optional(env: Env, name: AppSettingName): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function parseUrl(value: string, name: AppSettingName, protocols: string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw misconfigured(`${name} is not a URL`);
  }
  if (!protocols.includes(url.protocol)) throw misconfigured(`${name} must be ${protocols.join(' or ')}`);
  return url;
}

/** A whole number from 0 to max, or the default when the setting is absent. */
function parseWhole(env: Env, name: AppSettingName, fallback: number, max: number): number {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) > max)
    throw misconfigured(`${name} must be a whole number, at most ${max}`);
  return Number(value);
}

/** Reads and validates the app settings once. Throws PortalSTS0012 naming the bad setting (never its value). */
export function loadConfig(env: Env = process.env): AppConfig {
  const defaultSite = optional(env, 'DEFAULT_SITE');
  if (!defaultSite || !SITE_ID_PATTERN.test(defaultSite)) {
    throw misconfigured('DEFAULT_SITE is missing or not a site id (lowercase letters, digits, hyphen)');
  }
  const base = optional(env, 'PUBLIC_BASE_URL');
  const connectionString = optional(env, 'SITE_SETTINGS_CONNECTION_STRING');
  const tableUrl = optional(env, 'SITE_SETTINGS_TABLE_URL');
  if (!connectionString && !tableUrl) {
    throw misconfigured('set SITE_SETTINGS_CONNECTION_STRING or SITE_SETTINGS_TABLE_URL');
  }
  if (tableUrl) parseUrl(tableUrl, 'SITE_SETTINGS_TABLE_URL', ['https:', 'http:']);

  const source = optional(env, 'CERTIFICATE_SOURCE')?.toLowerCase() ?? 'keyvault';
  if (source !== 'keyvault' && source !== 'local')
    throw misconfigured('CERTIFICATE_SOURCE must be keyvault or local');
  const keyVaultUrl = optional(env, 'KEY_VAULT_URL');
  const localDir = optional(env, 'LOCAL_CERTIFICATES_DIR');
  if (source === 'keyvault') {
    if (!keyVaultUrl) throw misconfigured('KEY_VAULT_URL is required with CERTIFICATE_SOURCE=keyvault');
    parseUrl(keyVaultUrl, 'KEY_VAULT_URL', ['https:']);
  }
  if (source === 'local' && !localDir)
    throw misconfigured('LOCAL_CERTIFICATES_DIR is required with CERTIFICATE_SOURCE=local');
  const defaultName = optional(env, 'DEFAULT_CERTIFICATE_NAME') ?? 'portal-sts-signing';
  if (!NAME_PATTERN.test(defaultName))
    throw misconfigured('DEFAULT_CERTIFICATE_NAME must be letters, digits and hyphen');
  const providers = (optional(env, 'AUTH_LOGIN_PROVIDER') ?? 'aad').split(',').map((name) => name.trim());
  if (!providers.every((name) => /^[A-Za-z0-9_-]{1,64}$/.test(name)))
    throw misconfigured('AUTH_LOGIN_PROVIDER is not a provider name or a comma-separated list of them');
  const loginProvider = providers[0] ?? 'aad';

  return {
    defaultSite,
    publicBaseUrl: base ? parseUrl(base, 'PUBLIC_BASE_URL', ['https:', 'http:']) : undefined,
    settings: {
      connectionString,
      tableUrl,
      tableName: optional(env, 'SITE_SETTINGS_TABLE_NAME') ?? 'SiteSettings',
      ttlSeconds: parseWhole(env, 'SITE_SETTINGS_TTL_SECONDS', 30, 999_999),
    },
    certificates: {
      source,
      keyVaultUrl,
      localDir,
      localPassword: env.LOCAL_CERTIFICATES_PASSWORD,
      defaultName,
      // At least 100 ms (a signature is a network call); at most a minute, well inside the host's timeout.
      signTimeoutMs: Math.max(100, parseWhole(env, 'KEYVAULT_SIGN_TIMEOUT_MS', 5_000, 60_000)),
      versionsTtlSeconds: parseWhole(env, 'CERTIFICATE_VERSIONS_TTL_SECONDS', 300, 86_400),
    },
    auth: {
      trustPrincipalHeaders: optional(env, 'WEBSITE_AUTH_ENABLED')?.toLowerCase() === 'true',
      loginProvider,
      identityProviders: providers.map((name) => name.toLowerCase()),
    },
    resilience: {
      // Up to a week: long enough for any outage worth riding out, short of serving forever.
      staleIfErrorSeconds: parseWhole(
        env,
        'BACKEND_STALE_IF_ERROR_SECONDS',
        DEFAULT_STALE_IF_ERROR_SECONDS,
        604_800,
      ),
    },
  };
}
