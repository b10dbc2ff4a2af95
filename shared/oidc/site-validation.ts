import type { HttpRequest } from '@azure/functions';
import { publicBaseUrl } from '../http/public-base-url.js';
import { siteKeys } from '../keys/site-keys.js';
import type { Services } from '../services.js';
import type { SiteSettings } from '../settings/site-settings.js';
import { oidcIssuer } from './issuer.js';
import type { ValidationContext } from './validate-token.js';

/**
 * What a token of this site is validated against now: its two issuers (the OpenID Connect URL and
 * Power Pages' host) and every key it publishes, so a token signed by a key in its grace period
 * or by the upcoming key stays valid exactly as long as the JWKS lists that key.
 */
export async function siteValidationContext(
  services: Services,
  request: HttpRequest,
  site: SiteSettings,
  options: { audience?: string | undefined; warn?: (message: string) => void } = {},
): Promise<ValidationContext> {
  const now = new Date();
  const base = publicBaseUrl(services.config, request);
  const { published } = await siteKeys(services, site, now, options.warn);
  return {
    siteId: site.siteId,
    issuer: oidcIssuer(base, site.siteId),
    powerPagesIssuer: base.host,
    keys: published,
    now,
    audience: options.audience,
  };
}
