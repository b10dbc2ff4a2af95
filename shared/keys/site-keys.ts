import type { SigningKey } from '../certs/signing-key.js';
import { StsError } from '../errors/sts-error.js';
import type { Services } from '../services.js';
import { parsePrevious, parseUpcoming, publishedThumbprints } from '../settings/rotation.js';
import { SETTING } from '../settings/setting-names.js';
import type { SiteSettings } from '../settings/site-settings.js';
import { siteSigningKey } from '../site-signing-key.js';
import { namedCertificateOf, namedKeys } from './named-keys.js';

/** The keys of a site: the one that signs now, and every key a validator must know (rotation). */
export interface SiteKeys {
  active: SigningKey;
  /** Active first, then upcoming keys, then previous keys still in their grace period. */
  published: SigningKey[];
  /** Published keys that will sign later, the next one first (/_services/auth/publickey?next=1). */
  upcoming: SigningKey[];
}

/**
 * Resolves the rotation settings, and a named certificate's versions, to keys. A published (not
 * active) key that cannot be loaded is left out with a warning rather than failing the key set:
 * the active key must always be served. The Upcoming and Previous settings apply to named
 * certificates too (`cert follow` keeps the key it replaces as Previous).
 */
export async function siteKeys(
  services: Services,
  site: SiteSettings,
  now: Date = new Date(),
  warn: (message: string) => void = console.warn,
): Promise<SiteKeys> {
  const named = namedCertificateOf(site);
  const fromName = named ? await namedKeys(services.certificates, named, now) : undefined;
  const active = fromName?.active ?? (await siteSigningKey(services, site, now));
  const upcoming = [
    ...(fromName?.upcoming ?? []),
    ...parseUpcoming(site.get(SETTING.upcomingThumbprints)).items,
  ];
  const others = publishedThumbprints(
    {
      active: active.thumbprint,
      upcoming,
      previous: parsePrevious(site.get(SETTING.previousThumbprints)).items,
    },
    now,
  )
    .concat(fromName?.previous ?? [])
    .filter((thumbprint, at, all) => thumbprint !== active.thumbprint && all.indexOf(thumbprint) === at);

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
  const published = [active, ...loaded.filter((key): key is SigningKey => key !== undefined)];
  return {
    active,
    published,
    upcoming: published.filter((key) => upcoming.includes(key.thumbprint)),
  };
}
