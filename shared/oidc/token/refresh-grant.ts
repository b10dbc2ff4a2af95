import type { HttpResponseInit } from '@azure/functions';
import { OAuthError } from '../../errors/oauth-error.js';
import type { Services } from '../../services.js';
import type { SiteSettings } from '../../settings/site-settings.js';
import { siteSigningKey } from '../../site-signing-key.js';
import { isSupportedScope, parseScope } from '../scopes.js';
import type { GrantRequest } from './grant-request.js';
import { tokenResponse } from './token-response.js';

type RefreshRequest = Extract<GrantRequest, { grantType: 'refresh_token' }>;

/**
 * grant_type=refresh_token (RFC 6749 6): one read and one conditional write rotate the token; the
 * new access and ID tokens come from the claims stored at sign-in (no browser session needed).
 * A narrower `scope` may be asked for; granted scopes not asked for, and scopes never granted, are
 * left out (an unknown scope is invalid_scope). A site that no longer allows
 * the client refresh tokens refuses them (invalid_grant) before touching the store.
 */
export async function refreshGrant(
  services: Services,
  site: SiteSettings,
  issuer: string,
  request: RefreshRequest,
): Promise<HttpResponseInit> {
  if (!site.allowsRefreshTokens(request.clientId))
    throw new OAuthError('invalid_grant', 'refresh tokens are not allowed for this client', {
      detail: 'AllowRefreshTokens is not True for the client',
    });
  // Checked before the rotation: a refused request must not cost the client its token.
  if (request.scope !== undefined && parseScope(request.scope).some((scope) => !isSupportedScope(scope)))
    throw new OAuthError('invalid_scope', 'scope names a scope this provider does not support');
  const key = await siteSigningKey(services, site);
  const rotated = await services.refreshTokens.rotate(
    request.refreshToken,
    request.clientId,
    Date.now(),
    site.siteId,
  );
  const { grant } = rotated;
  const asked = request.scope === undefined ? grant.scopes : parseScope(request.scope);
  const scopes = grant.scopes.filter((scope) => asked.includes(scope));
  return await tokenResponse(
    {
      ...grant,
      scopes,
      nonce: undefined,
      issuer,
      lifetimeSeconds: site.tokenLifetimeSeconds,
      refreshToken: rotated.token,
    },
    key,
  );
}
