import type { SigningKey } from './certs/signing-key.js';
import { StsError } from './errors/sts-error.js';
import type { Services } from './services.js';
import type { SiteSettings } from './settings/site-settings.js';

/** The key a site signs with now: its configured thumbprint, or the deployment's default certificate. */
export function siteSigningKey(services: Services, site: SiteSettings): Promise<SigningKey> {
  const thumbprint = site.certificateThumbprint;
  if (typeof thumbprint === 'object') {
    throw new StsError('PortalSTS0013', {
      detail: `site '${site.siteId}' thumbprint setting is not a SHA-1 thumbprint`,
    });
  }
  return services.certificates.get(thumbprint);
}
