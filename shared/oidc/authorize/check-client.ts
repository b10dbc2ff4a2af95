import { StsError } from '../../errors/sts-error.js';
import { redact } from '../../http/describe-cause.js';
import type { SiteSettings } from '../../settings/site-settings.js';
import type { AuthorizeParams } from './authorize-params.js';
import { isConformingRedirectUri } from './redirect-uri-rules.js';

/** A value from the request, safe to put in a log line: quoted, escaped, redacted and short. */
export function forLog(value: string): string {
  return JSON.stringify(redact(value.slice(0, 200)));
}

/** Power Pages' client id rule, for every endpoint: 1-36 letters, digits and hyphens. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9-]{1,36}$/;

/**
 * A client id that is well formed (PortalSTS0002) and registered for the site (PortalSTS0001), on
 * every endpoint that names a client. `malformedDetail` is the log line's detail for a malformed one.
 */
export function checkRegisteredClient(
  clientId: string,
  site: SiteSettings,
  malformedDetail = `malformed client_id ${forLog(clientId)}`,
): string {
  if (!CLIENT_ID_PATTERN.test(clientId)) throw new StsError('PortalSTS0002', { detail: malformedDetail });
  if (!site.registeredClientIds.has(clientId)) {
    throw new StsError('PortalSTS0001', {
      detail: `client_id '${clientId}' not registered for '${site.siteId}'`,
    });
  }
  return clientId;
}

/**
 * The client: present once, well formed, registered for the site. Each failure is a PortalSTS
 * page, never a redirect: without a known client there is no redirect URI to trust.
 */
export function checkClient(params: AuthorizeParams, site: SiteSettings): string {
  if (params.isRepeated('client_id')) throw new StsError('PortalSTS0005', { detail: 'client_id repeated' });
  const clientId = params.get('client_id');
  if (clientId === undefined) throw new StsError('PortalSTS0021', { detail: 'client_id missing' });
  return checkRegisteredClient(clientId, site);
}

/**
 * The redirect URI: present once and equal, by simple string comparison (RFC 9700 2.1; no
 * normalisation, so no trailing-slash, case or query games), to one the client registered, and a
 * conforming one. Until this passes, nothing is sent to any URI the request names.
 */
export function checkRedirectUri(params: AuthorizeParams, site: SiteSettings, clientId: string): string {
  if (params.isRepeated('redirect_uri'))
    throw new StsError('PortalSTS0005', { detail: 'redirect_uri repeated' });
  const uri = params.get('redirect_uri');
  if (uri === undefined)
    throw new StsError('PortalSTS0020', { detail: `redirect_uri missing (client '${clientId}')` });
  if (!site.redirectUris(clientId).includes(uri)) {
    throw new StsError('PortalSTS0020', {
      detail: `redirect_uri ${forLog(uri)} not registered for client '${clientId}'`,
    });
  }
  if (!isConformingRedirectUri(uri)) {
    throw new StsError('PortalSTS0020', {
      detail: `registered redirect_uri ${forLog(uri)} of client '${clientId}' is not https or http loopback`,
    });
  }
  return uri;
}
