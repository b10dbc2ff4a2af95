import { refreshTokenGrant, tokenRevocation } from 'openid-client';
import { describe, expect, it } from 'vitest';
import { SPA, SPA_CALLBACK } from '../authorize/support.js';
import { codeClientConfig, expectOAuthError, OTHER } from '../code-flow/support.js';
import { SITE_ID } from '../support/dev-host.js';
import { postForm, refreshFields, signedInBrowser, signInTokens, signOutHostForFile } from './support.js';

/**
 * Token revocation (RFC 7009) through the dev host: openid-client's tokenRevocation ends a refresh
 * token's family; another client's token, an access token and unknown tokens are 200 with nothing
 * done; malformed requests are RFC 6749 5.2 JSON.
 */

const { dev } = signOutHostForFile();
const revokeUrl = (site = SITE_ID) => `${dev().url}/${site}/oauth2/v1/revoke`;
const tokenUrl = () => `${dev().url}/${SITE_ID}/oauth2/v1/token`;

async function tokens() {
  return signInTokens(await signedInBrowser(dev().url), dev().url);
}

describe('POST /{site}/oauth2/v1/revoke', () => {
  it('openid-client tokenRevocation ends the family: the next refresh is invalid_grant', async () => {
    const issued = await tokens();
    const config = await codeClientConfig(dev().url);
    expect(config.serverMetadata().revocation_endpoint).toBe(revokeUrl());
    const rotated = await refreshTokenGrant(config, issued.refresh_token);
    await tokenRevocation(config, rotated.refresh_token ?? '', { token_type_hint: 'refresh_token' });
    await expect(refreshTokenGrant(config, rotated.refresh_token ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // Revoking again, or a token never issued, is still 200 (RFC 7009 2.2).
    await tokenRevocation(config, rotated.refresh_token ?? '');
    await tokenRevocation(config, `${'A'.repeat(43)}.${'B'.repeat(22)}.${'C'.repeat(43)}`);
    await tokenRevocation(config, 'whatever');
  });

  it('revoking an earlier (rotated) token of the family also ends it', async () => {
    const issued = await tokens();
    const rotated = await postForm(tokenUrl(), refreshFields(issued.refresh_token));
    const { refresh_token: current } = (await rotated.json()) as { refresh_token: string };
    const response = await postForm(revokeUrl(), { token: issued.refresh_token, client_id: SPA });
    expect(response.status).toBe(200);
    await expectOAuthError(await postForm(tokenUrl(), refreshFields(current)), 'invalid_grant');
  });

  it("leaves another client's token alone (200, nothing done), and access tokens are not revocable", async () => {
    const issued = await tokens();
    const other = await postForm(revokeUrl(), { token: issued.refresh_token, client_id: OTHER });
    expect(other.status).toBe(200);
    const access = await postForm(revokeUrl(), {
      token: issued.access_token,
      token_type_hint: 'access_token',
      client_id: SPA,
    });
    expect(access.status).toBe(200);
    expect(access.headers.get('cache-control')).toBe('no-store');
    // The SPA's refresh token still works: neither request touched it.
    expect((await postForm(tokenUrl(), refreshFields(issued.refresh_token))).status).toBe(200);
  });

  it('answers malformed requests with RFC 6749 5.2 JSON', async () => {
    const issued = await tokens();
    await expectOAuthError(await postForm(revokeUrl(), { token: issued.refresh_token }), 'invalid_request');
    await expectOAuthError(await postForm(revokeUrl(), { client_id: SPA }), 'invalid_request');
    await expectOAuthError(
      await postForm(revokeUrl(), { token: issued.refresh_token, client_id: 'unknown-app' }),
      'invalid_client',
      401,
    );
    await expectOAuthError(
      await postForm(`${revokeUrl()}?token=${issued.refresh_token}`, { client_id: SPA }),
      'invalid_request',
    );
    const repeated = await fetch(revokeUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=a&token=b&client_id=${SPA}`,
    });
    await expectOAuthError(repeated, 'invalid_request');
    await expectOAuthError(
      await postForm(revokeUrl('nowhere'), { token: 'a', client_id: SPA }),
      'invalid_request',
    );
    expect((await postForm(tokenUrl(), refreshFields(issued.refresh_token))).status).toBe(200);
  });

  it("lets the site's app origins read the answer (CORS), and no other origin", async () => {
    const origin = new URL(SPA_CALLBACK).origin;
    const preflight = await fetch(revokeUrl(), {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    const allowed = await postForm(revokeUrl(), { token: 'x', client_id: SPA }, { origin });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
    const foreign = await postForm(
      revokeUrl(),
      { token: 'x', client_id: SPA },
      { origin: 'https://evil.example' },
    );
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
