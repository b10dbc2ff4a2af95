import { SITE_ID_PATTERN } from '../config.js';
import { StsError } from '../errors/sts-error.js';
import type { Services } from '../services.js';
import type { SiteSettings } from '../settings/site-settings.js';

/**
 * The site of a `/{site}/...` route, or the default site for the Power Pages routes (no site segment).
 * A segment that is not a site id is treated like an unknown site (404) before any Table read, so
 * probing with odd names costs nothing and cannot reach the store's query syntax.
 */
export async function siteFromRoute(services: Services, segment: string | undefined): Promise<SiteSettings> {
  const siteId = segment ?? services.config.defaultSite;
  if (!SITE_ID_PATTERN.test(siteId))
    throw new StsError('PortalSTS0009', { detail: 'site segment is not a site id' });
  return services.sites.get(siteId);
}
