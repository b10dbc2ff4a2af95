import { StsError } from '../errors/sts-error.js';
import type { SettingsTable } from './settings-table.js';
import { parseSiteSettings, type SiteSettings } from './site-settings.js';

/** A read site, or the fact that it has no settings (cached too, so unknown sites cost no Table calls). */
type Result = SiteSettings | 'missing';

interface Entry {
  result?: Result;
  expiresAt: number;
  pending?: Promise<Result>;
}

/** Bounds memory when clients probe many unknown site ids. */
const MAX_SITES = 1000;

/**
 * Per-instance cache of site settings. Steady-state token issuance makes no Table call: a site is
 * read at most once per TTL, and concurrent requests during a refresh share one read.
 */
export class SiteSettingsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly table: Pick<SettingsTable, 'readSite'>,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The site's settings. Throws PortalSTS0009 for a site with no settings, PortalSTS0010 when the store fails. */
  async get(siteId: string): Promise<SiteSettings> {
    const result = await this.lookup(siteId);
    if (result === 'missing')
      throw new StsError('PortalSTS0009', { detail: `site '${siteId}' has no settings` });
    return result;
  }

  private lookup(siteId: string): Promise<Result> | Result {
    const entry = this.entries.get(siteId);
    if (entry?.result !== undefined && entry.expiresAt > this.now()) return entry.result;
    if (entry?.pending) return entry.pending;
    const pending = this.refresh(siteId);
    if (!entry && this.entries.size >= MAX_SITES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(siteId, { expiresAt: 0, pending });
    return pending;
  }

  private async refresh(siteId: string): Promise<Result> {
    try {
      const rows = await this.table.readSite(siteId);
      const result: Result = rows.size === 0 ? 'missing' : parseSiteSettings(siteId, rows);
      this.entries.set(siteId, { result, expiresAt: this.now() + this.ttlSeconds * 1000 });
      return result;
    } catch (cause) {
      // Nothing is cached on failure: the next request tries again.
      this.entries.delete(siteId);
      throw new StsError('PortalSTS0010', {
        detail: 'reading site settings failed',
        cause,
        headers: { 'Retry-After': '5' },
      });
    }
  }
}
