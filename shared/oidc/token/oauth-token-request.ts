import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { asOAuthFailure } from '../../errors/oauth-error.js';
import { pickParams } from '../../http/request-params.js';
import type { Services } from '../../services.js';
import type { SiteSettings } from '../../settings/site-settings.js';
import { codeGrant } from './code-grant.js';
import { asGrantError } from './grant-failure.js';
import { checkNoSecretsInQuery, readGrantRequest } from './grant-request.js';
import { refreshGrant } from './refresh-grant.js';

/** A request with a non-empty grant_type, in the query or the form: an OAuth client's token request. */
export function isOAuthTokenRequest(sources: readonly URLSearchParams[]): boolean {
  return sources.some((source) => source.getAll('grant_type').some(Boolean));
}

/**
 * An OAuth token request at a site's token endpoint: the authorization code grant with PKCE, or a
 * refresh. Every failure, a malformed or repeated parameter too, is an OAuthError (RFC 6749 5.2
 * JSON, no-store): an OAuth client cannot read the Power Pages error document.
 */
export async function oauthTokenRequest(
  services: Services,
  site: SiteSettings,
  issuer: string,
  request: Pick<HttpRequest, 'method' | 'query'>,
  sources: readonly URLSearchParams[],
  names: readonly string[],
): Promise<HttpResponseInit> {
  try {
    const params = pickParams(sources, names);
    checkNoSecretsInQuery(request.query);
    const grant = readGrantRequest(request.method, params, site);
    return grant.grantType === 'authorization_code'
      ? await codeGrant(services, site, issuer, grant)
      : await refreshGrant(services, site, issuer, grant);
  } catch (thrown) {
    throw asOAuthFailure(asGrantError(thrown));
  }
}
