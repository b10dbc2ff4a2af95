import type { SigningKey } from '../certs/signing-key.js';
import { StsError } from '../errors/sts-error.js';
import type { Services } from '../services.js';
import { parsePrevious, parseUpcoming, publishedThumbprints } from '../settings/rotation.js';
import { SETTING } from '../settings/setting-names.js';
import type { SiteSettings } from '../settings/site-settings.js';
import { siteSigningKey } from '../site-signing-key.js';

/** The keys of a site: the one that signs now, and every key a validator must know (rotation). */
export interface SiteKeys {
  active: SigningKey;
  /** Active first, then upcoming keys, then previous keys still in their grace period. */
  published: SigningKey[];
}

/**
 * Resolves the rotation settings to keys. A published (not active) key that cannot be loaded is
 * left out with a warning rather than failing the key set: the active key must always be served.
 */
export async function siteKeys(
  services: Services,
  site: SiteSettings,
  now: Date = new Date(),
  warn: (message: string) => void = console.warn,
): Promise<SiteKeys> {
  const active = await siteSigningKey(services, site);
  const others = publishedThumbprints(
    {
      active: active.thumbprint,
      upcoming: parseUpcoming(site.get(SETTING.upcomingThumbprints)).items,
      previous: parsePrevious(site.get(SETTING.previousThumbprints)).items,
    },
    now,
  ).filter((thumbprint) => thumbprint !== active.thumbprint);

  const loaded = await Promise.all(
    others.map(async (thumbprint) => {
      try {
        return await services.certificates.get(thumbprint);
      } catch (error) {
        if (!(error instanceof StsError)) throw error;
        warn(`site '${site.siteId}': published key ${thumbprint} left out of the key set: ${error.id}`);
        return undefined;
      }
    }),
  );
  return { active, published: [active, ...loaded.filter((key): key is SigningKey => key !== undefined)] };
}
