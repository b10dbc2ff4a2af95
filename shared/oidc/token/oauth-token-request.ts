import type { HttpResponseInit } from '@azure/functions';
import type { RequestParams } from '../../http/request-params.js';
import type { Services } from '../../services.js';
import type { SiteSettings } from '../../settings/site-settings.js';
import { codeGrant } from './code-grant.js';
import { readGrantRequest } from './grant-request.js';
import { refreshGrant } from './refresh-grant.js';

/**
 * An OAuth token request (`grant_type` present) at a site's token endpoint: the authorization
 * code grant with PKCE, or a refresh. Failures are OAuthErrors (RFC 6749 5.2 JSON, no-store).
 */
export function oauthTokenRequest(
  services: Services,
  site: SiteSettings,
  issuer: string,
  method: string,
  params: RequestParams,
): Promise<HttpResponseInit> {
  const request = readGrantRequest(method, params, site);
  return request.grantType === 'authorization_code'
    ? codeGrant(services, site, issuer, request)
    : refreshGrant(services, site, issuer, request);
}
