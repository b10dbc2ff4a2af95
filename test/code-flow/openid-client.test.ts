import { decodeJwt } from 'jose';
import {
  authorizationCodeGrant,
  buildAuthorizationUrl,
  fetchUserInfo,
  refreshTokenGrant,
} from 'openid-client';
import { describe, expect, it } from 'vitest';
import { expectedAtHash, formPostRequest, LIFETIME, SPA, SPA_CALLBACK } from '../authorize/support.js';
import { ALEX, SITE_ID } from '../support/dev-host.js';
import {
  authorizeRedirect,
  codeClientConfig,
  codeHostForFile,
  codeParams,
  issuerOf,
  pkce,
  postToken,
  redeemFields,
} from './support.js';

/**
 * The authorization code flow with PKCE and refresh tokens over HTTP through the dev host, as
 * openid-client (a certified relying party library) runs it: discovery, the code grant with its
 * ID token checks (signature, iss, aud, nonce, at_hash), userinfo, and refresh with rotation.
 */

const { dev, browser } = codeHostForFile();

describe('openid-client: authorization code + PKCE, userinfo, refresh', () => {
  it('authorizationCodeGrant, fetchUserInfo and refreshTokenGrant succeed end to end', async () => {
    const config = await codeClientConfig(dev().url);
    expect(config.serverMetadata().code_challenge_methods_supported).toEqual(['S256']);
    const { verifier, challenge } = pkce();
    const url = buildAuthorizationUrl(config, {
      redirect_uri: SPA_CALLBACK,
      scope: 'openid profile email offline_access',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      nonce: 'nonce-code-rp',
      state: 'state-code-rp',
    });
    const response = await browser().fetch(`${url.pathname}${url.search}`);
    expect(response.status).toBe(302);
    const callback = new URL(response.headers.get('location') ?? '');
    expect(callback.hash).toBe('');
    expect([...callback.searchParams.keys()].sort()).toEqual(['code', 'iss', 'state']);
    expect(callback.searchParams.get('iss')).toBe(issuerOf(dev().url));

    const tokens = await authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedNonce: 'nonce-code-rp',
      expectedState: 'state-code-rp',
    });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(LIFETIME);
    expect(tokens.scope).toBe('openid profile email offline_access');
    expect(tokens.refresh_token).toMatch(/^[\w-]{43}\.[\w-]{22}\.[\w-]{43}$/);
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: issuerOf(dev().url),
      aud: SPA,
      sub: ALEX.userId,
      nonce: 'nonce-code-rp',
      at_hash: expectedAtHash(tokens.access_token),
      email: ALEX.email,
    });
    expect(typeof claims?.auth_time).toBe('number');

    const userinfo = await fetchUserInfo(config, tokens.access_token, ALEX.userId);
    expect(userinfo.sub).toBe(ALEX.userId);

    // A refresh needs no browser session: openid-client sends no cookie.
    const refreshed = await refreshTokenGrant(config, tokens.refresh_token ?? '');
    expect(refreshed.refresh_token).toBeDefined();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.claims()).toMatchObject({
      iss: issuerOf(dev().url),
      sub: ALEX.userId,
      aud: SPA,
      auth_time: claims?.auth_time,
      at_hash: expectedAtHash(refreshed.access_token),
      email: ALEX.email,
    });
    expect(decodeJwt(refreshed.access_token)).toMatchObject({ client_id: SPA, sub: ALEX.userId });
    // The rotated-out token is dead, and using it ended the family.
    await expect(refreshTokenGrant(config, tokens.refresh_token ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await expect(refreshTokenGrant(config, refreshed.refresh_token ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('answers with no-store JSON, and lets a registered redirect URI origin read it (CORS)', async () => {
    const { verifier, challenge } = pkce();
    const location = await authorizeRedirect(browser(), codeParams(challenge));
    const code = location.searchParams.get('code') ?? '';
    const response = await postToken(dev().url, redeemFields(code, verifier), {
      origin: new URL(SPA_CALLBACK).origin,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBe(new URL(SPA_CALLBACK).origin);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'refresh_token',
      'scope',
      'token_type',
    ]);
    expect(body.token_type).toBe('Bearer');

    const { verifier: v2, challenge: c2 } = pkce();
    const other = await authorizeRedirect(browser(), codeParams(c2));
    const foreign = await postToken(dev().url, redeemFields(other.searchParams.get('code') ?? '', v2), {
      origin: 'https://evil.example',
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('gives no refresh token without offline_access, or to a client not allowed them', async () => {
    const { verifier, challenge } = pkce();
    const plain = await authorizeRedirect(browser(), codeParams(challenge, { scope: 'openid' }));
    const body = (await (
      await postToken(dev().url, redeemFields(plain.searchParams.get('code') ?? '', verifier))
    ).json()) as Record<string, unknown>;
    expect(body.scope).toBe('openid');
    expect(body.refresh_token).toBeUndefined();

    // demo-app is registered but has no AllowRefreshTokens: offline_access is not granted.
    const demo = pkce();
    const location = await authorizeRedirect(
      browser(),
      codeParams(demo.challenge, { client_id: 'demo-app', redirect_uri: new URL('/', dev().url).href }),
    );
    const demoBody = (await (
      await postToken(
        dev().url,
        redeemFields(location.searchParams.get('code') ?? '', demo.verifier, {
          client_id: 'demo-app',
          redirect_uri: new URL('/', dev().url).href,
        }),
      )
    ).json()) as Record<string, unknown>;
    expect(demoBody.scope).toBe('openid profile email');
    expect(demoBody.refresh_token).toBeUndefined();
  });

  it('delivers the code in the fragment or by form_post when asked, with state and iss', async () => {
    const fragment = await authorizeRedirect(
      browser(),
      codeParams(pkce().challenge, { response_mode: 'fragment' }),
    );
    expect(fragment.search).toBe('');
    const fields = new URLSearchParams(fragment.hash.slice(1));
    expect([...fields.keys()].sort()).toEqual(['code', 'iss', 'state']);

    const response = await browser().fetch(
      `/${SITE_ID}/oauth2/v1/auth?${new URLSearchParams(codeParams(pkce().challenge, { response_mode: 'form_post' }))}`,
    );
    expect(response.status).toBe(200);
    const posted = await formPostRequest(await response.text()).formData();
    expect(posted.get('code')).toMatch(/^[\w-]{43}$/);
    expect(posted.get('iss')).toBe(issuerOf(dev().url));
    expect(posted.get('state')).toBe('s-code-1');
  });
});
