import { StsError } from '../errors/sts-error.js';
import { DEFAULT_BACKOFF } from '../resilience/backoff.js';
import {
  type BackendLog,
  DEFAULT_STALE_IF_ERROR_SECONDS,
  ResilientCache,
} from '../resilience/resilient-cache.js';
import type { SettingsTable } from './settings-table.js';
import { parseSiteSettings, type SiteSettings } from './site-settings.js';

/** A read site, or the fact that it has no settings (cached too, so unknown sites cost no Table calls). */
type Result = SiteSettings | 'missing';

/** Bounds memory: sites that exist, the least recently used leaving first. */
const MAX_SITES = 1000;
/** Unknown site ids (and sites still being read) apart, so probing made-up ids never evicts a real site. */
const MAX_UNKNOWN_SITES = 100;

/** Today's floor for the 503's Retry-After; longer while the backoff is longer. */
const MIN_RETRY_AFTER_SECONDS = 5;

interface SiteSettingsCacheOptions {
  /** BACKEND_STALE_IF_ERROR_SECONDS: how long past the TTL a site is served while Table reads fail. */
  staleIfErrorSeconds?: number | undefined;
  log?: BackendLog | undefined;
}

/**
 * Per-instance cache of site settings. Steady-state token issuance makes no Table call: a site is
 * read at most once per TTL, and concurrent requests during a refresh share one read. While the
 * Table service fails, the last good settings are served (bounded by staleIfErrorSeconds) and
 * reads are spaced by the backoff; see shared/resilience/resilient-cache.ts.
 */
export class SiteSettingsCache {
  readonly #cache: ResilientCache<string, Result>;

  constructor(
    table: Pick<SettingsTable, 'readSite'>,
    ttlSeconds: number,
    now: () => number = Date.now,
    options: SiteSettingsCacheOptions = {},
  ) {
    this.#cache = new ResilientCache({
      // Zero rows is an answer, not a failure: a deleted site turns into 404 after the TTL.
      load: async (siteId) => {
        const rows = await table.readSite(siteId);
        return rows.size === 0
          ? 'missing'
          : parseSiteSettings(siteId, rows, (message) => options.log?.('warn', message));
      },
      ttlMs: ttlSeconds * 1000,
      staleIfErrorMs: (options.staleIfErrorSeconds ?? DEFAULT_STALE_IF_ERROR_SECONDS) * 1000,
      backoff: DEFAULT_BACKOFF,
      describe: (siteId) => `site settings of '${siteId}'`,
      failure: (cause, retryInMs) =>
        new StsError('PortalSTS0010', {
          detail: `reading site settings failed; next attempt in ${Math.ceil(retryInMs / 1000)} s`,
          cause,
          headers: {
            'Retry-After': String(Math.max(MIN_RETRY_AFTER_SECONDS, Math.ceil(retryInMs / 1000))),
          },
        }),
      maxEntries: MAX_SITES,
      isNegative: (result) => result === 'missing',
      maxNegativeEntries: MAX_UNKNOWN_SITES,
      now,
      log: options.log,
    });
  }

  /** The site's settings. Throws PortalSTS0009 for a site with no settings, PortalSTS0010 when the store fails. */
  async get(siteId: string): Promise<SiteSettings> {
    const result = await this.#cache.get(siteId);
    if (result === 'missing')
      throw new StsError('PortalSTS0009', { detail: `site '${siteId}' has no settings` });
    return result;
  }
}
