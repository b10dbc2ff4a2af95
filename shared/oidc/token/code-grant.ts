import type { HttpResponseInit } from '@azure/functions';
import { InvalidGrantError } from '../../grants/grant-errors.js';
import type { Services } from '../../services.js';
import type { SiteSettings } from '../../settings/site-settings.js';
import { siteSigningKey } from '../../site-signing-key.js';
import type { GrantRequest } from './grant-request.js';
import { verifierMatches } from './pkce.js';
import { tokenResponse } from './token-response.js';

type CodeRequest = Extract<GrantRequest, { grantType: 'authorization_code' }>;

/**
 * grant_type=authorization_code (RFC 6749 4.1.3, RFC 7636 4.6). The code is redeemed first (one
 * read, one conditional update: of concurrent redemptions one wins), then checked against the
 * client, redirect URI and verifier; any mismatch, or a used or expired code, is invalid_grant.
 * A reused code also ends the refresh token family it started (RFC 6749 4.1.2). When the refresh
 * token cannot be stored, the redemption is undone so the client can retry.
 */
export async function codeGrant(
  services: Services,
  site: SiteSettings,
  issuer: string,
  request: CodeRequest,
): Promise<HttpResponseInit> {
  const key = await siteSigningKey(services, site);
  const now = Date.now();
  const code = await services.codes.redeem(request.code, now).catch(async (thrown: unknown) => {
    if (thrown instanceof InvalidGrantError && thrown.reusedCode) {
      const { siteId, userId, codeId } = thrown.reusedCode;
      await services.refreshTokens.revokeFamilyOfCode(siteId, userId, codeId);
    }
    throw thrown;
  });
  if (code.siteId !== site.siteId || code.clientId !== request.clientId)
    throw new InvalidGrantError('other-client', 'the code was issued to another client or site');
  if (code.redirectUri !== request.redirectUri)
    throw new InvalidGrantError('other-redirect-uri', 'redirect_uri differs from the authorization request');
  if (!verifierMatches(request.codeVerifier, code.codeChallenge))
    throw new InvalidGrantError('verifier', 'code_verifier does not match the code_challenge');

  let refreshToken: string | undefined;
  if (code.scopes.includes('offline_access') && site.allowsRefreshTokens(code.clientId)) {
    try {
      refreshToken = (
        await services.refreshTokens.issue(code, site.refreshTokenLifetimeSeconds, now, code.codeId)
      ).token;
    } catch (thrown) {
      await services.codes.unredeem(code.codeId);
      throw thrown;
    }
  }
  return await tokenResponse(
    { ...code, issuer, lifetimeSeconds: site.tokenLifetimeSeconds, refreshToken },
    key,
  );
}
