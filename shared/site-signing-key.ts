import type { SigningKey } from './certs/signing-key.js';
import { StsError } from './errors/sts-error.js';
import { namedCertificateOf, namedKeys } from './keys/named-keys.js';
import type { Services } from './services.js';
import type { SiteSettings } from './settings/site-settings.js';

/**
 * The key a site signs with now: its configured thumbprint; else the version of its named
 * certificate that signs now (CustomCertificates/ImplicitGrantflow/Name); else the deployment's
 * default certificate.
 */
export async function siteSigningKey(
  services: Services,
  site: SiteSettings,
  now: Date = new Date(),
): Promise<SigningKey> {
  const thumbprint = site.certificateThumbprint;
  if (typeof thumbprint === 'object') {
    throw new StsError('PortalSTS0013', {
      detail: `site '${site.siteId}' thumbprint setting is not a SHA-1 thumbprint`,
    });
  }
  const named = namedCertificateOf(site);
  if (named) return (await namedKeys(services.certificates, named, now)).active;
  return services.certificates.get(thumbprint);
}
