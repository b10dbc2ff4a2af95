import { createCertificateStore } from './certs/create-certificate-store.js';
import type { CertificateStore } from './certs/signing-key.js';
import { type AppConfig, loadConfig } from './config.js';
import type { AuthorizationCodeStore } from './grants/authorization-codes.js';
import { createGrantStores } from './grants/grant-tables.js';
import type { RefreshTokenStore } from './grants/refresh-tokens.js';
import type { BackendLog } from './resilience/resilient-cache.js';
import { SettingsTable } from './settings/settings-table.js';
import { SiteSettingsCache } from './settings/site-settings-cache.js';
import { createSettingsTableClient } from './settings/table-client.js';
import { describePrincipalTrust } from './user/principal-trust.js';

/** What every handler needs, built once per instance from the app settings. */
export interface Services {
  config: AppConfig;
  sites: SiteSettingsCache;
  certificates: CertificateStore;
  /** Authorization codes (code flow), in their own table: shared/grants/authorization-codes.ts. */
  codes: AuthorizationCodeStore;
  /** Refresh token families, in their own table: shared/grants/refresh-tokens.ts. */
  refreshTokens: RefreshTokenStore;
}

let services: Promise<Services> | undefined;

/** Backend warnings (a skipped file, a stale value served) belong to the instance, not to one invocation. */
const instanceLog =
  (area: string): BackendLog =>
  (level, message) =>
    console[level](`[${area}] ${message}`);

async function build(): Promise<Services> {
  const config = loadConfig();
  instanceLog('auth')('info', describePrincipalTrust(config.auth));
  const table = new SettingsTable(await createSettingsTableClient(config.settings));
  const { staleIfErrorSeconds } = config.resilience;
  return {
    config,
    sites: new SiteSettingsCache(table, config.settings.ttlSeconds, Date.now, {
      staleIfErrorSeconds,
      log: instanceLog('settings'),
    }),
    certificates: createCertificateStore(config.certificates, instanceLog('certificates'), {
      staleIfErrorSeconds,
    }),
    ...(await createGrantStores(config.settings)),
  };
}

/**
 * The instance's services. Configuration is validated on first use rather than at module load, so
 * a bad app setting gives every request a clear PortalSTS0012 instead of a host that will not start;
 * the failure is not cached, so fixing the setting and restarting is not required on a retry.
 */
export function getServices(): Promise<Services> {
  if (!services) {
    services = build();
    services.catch(() => {
      services = undefined;
    });
  }
  return services;
}

/** Forget the built services so the next request reads process.env again (tests, the dev host). */
export function resetServices(): void {
  services = undefined;
}
