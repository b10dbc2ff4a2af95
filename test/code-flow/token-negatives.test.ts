import { afterEach, describe, expect, it, vi } from 'vitest';
import { SPA, SPA_LOOPBACK } from '../authorize/support.js';
import { seedSite } from '../support/settings-fixture.js';
import {
  authorizeRedirect,
  codeHostForFile,
  codeParams,
  codeSiteSettings,
  expectOAuthError,
  freshCode,
  OTHER,
  pkce,
  postToken,
  redeemFields,
} from './support.js';

/**
 * Every way a code or refresh token request must fail, over HTTP through the dev host: each is
 * the same RFC 6749 5.2 invalid_grant (or the code named), in no-store JSON.
 */

const { dev, browser } = codeHostForFile();

afterEach(() => {
  vi.useRealTimers();
});

async function tokensFor(overrides: Record<string, string | undefined> = {}) {
  const { code, verifier } = await freshCode(browser(), overrides);
  const response = await postToken(dev().url, redeemFields(code, verifier));
  expect(response.status).toBe(200);
  return (await response.json()) as { refresh_token: string; access_token: string };
}

const refresh = (token: string, clientId = SPA) =>
  postToken(dev().url, { grant_type: 'refresh_token', refresh_token: token, client_id: clientId });

describe('authorization requests without proper PKCE', () => {
  it.each([
    ['no code_challenge', { code_challenge: undefined }],
    ['no code_challenge_method (plain by default)', { code_challenge_method: undefined }],
    ['code_challenge_method=plain', { code_challenge_method: 'plain' }],
    ['code_challenge_method=S512', { code_challenge_method: 'S512' }],
    ['a challenge of 42 characters', { code_challenge: 'a'.repeat(42) }],
    ['a challenge with characters outside the unreserved set', { code_challenge: `${'a'.repeat(42)}+` }],
  ])('%s: invalid_request at the redirect URI, in the query', async (_name, overrides) => {
    const location = await authorizeRedirect(browser(), codeParams(pkce().challenge, overrides));
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('code')).toBeNull();
    expect(location.searchParams.get('state')).toBe('s-code-1');
  });
});

describe('grant_type=authorization_code: invalid_grant', () => {
  it.each([
    // The last character changed (never to itself: that would be the right verifier).
    [
      'a wrong verifier',
      (v: string) => ({ code_verifier: `${v.slice(0, -1)}${v.endsWith('A') ? 'B' : 'A'}` }),
    ],
    ['a missing verifier', () => ({ code_verifier: '' })],
    ["another code's verifier", () => ({ code_verifier: pkce().verifier })],
    ['the code of another client', () => ({ client_id: OTHER })],
    ['another registered redirect URI', () => ({ redirect_uri: SPA_LOOPBACK })],
    ['an unknown code', () => ({ code: 'A'.repeat(43) })],
  ])('%s', async (_name, change) => {
    const { code, verifier } = await freshCode(browser());
    const fields = { ...redeemFields(code, verifier), ...change(verifier) };
    await expectOAuthError(await postToken(dev().url, fields), 'invalid_grant');
  });

  it('a used code is refused, and the refresh token it gave is revoked', async () => {
    const { code, verifier } = await freshCode(browser());
    const first = await postToken(dev().url, redeemFields(code, verifier));
    const { refresh_token } = (await first.json()) as { refresh_token: string };
    await expectOAuthError(await postToken(dev().url, redeemFields(code, verifier)), 'invalid_grant');
    await expectOAuthError(await refresh(refresh_token), 'invalid_grant');
  });

  it('of four concurrent redemptions of one code, exactly one gets tokens', async () => {
    const { code, verifier } = await freshCode(browser());
    const responses = await Promise.all(
      [1, 2, 3, 4].map(() => postToken(dev().url, redeemFields(code, verifier))),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 400, 400, 400]);
  });

  it('a code is expired after 60 s (frozen clock)', async () => {
    const { code, verifier } = await freshCode(browser());
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 60_000 });
    await expectOAuthError(await postToken(dev().url, redeemFields(code, verifier)), 'invalid_grant');
  });

  it('other grant types, GET, an unknown client and a missing code are refused as OAuth says', async () => {
    await expectOAuthError(
      await postToken(dev().url, { grant_type: 'password', client_id: SPA }),
      'unsupported_grant_type',
    );
    const get = await fetch(
      `${dev().url}/contoso/oauth2/v1/token?grant_type=authorization_code&client_id=${SPA}`,
    );
    await expectOAuthError(get, 'invalid_request');
    const unknown = await postToken(dev().url, {
      grant_type: 'refresh_token',
      refresh_token: 'x',
      client_id: 'nobody',
    });
    await expectOAuthError(unknown, 'invalid_client', 401);
    const noCode = await postToken(dev().url, {
      grant_type: 'authorization_code',
      client_id: SPA,
      redirect_uri: 'x',
    });
    await expectOAuthError(noCode, 'invalid_request');
  });
});

describe('malformed OAuth token requests get OAuth JSON, not the Power Pages document', () => {
  const form = (body: string, query = '') =>
    fetch(`${dev().url}/contoso/oauth2/v1/token${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });

  it.each([
    ['code twice in the body', `grant_type=authorization_code&client_id=${SPA}&code=a&code=b`, ''],
    ['grant_type twice', `grant_type=authorization_code&grant_type=refresh_token&client_id=${SPA}`, ''],
    [
      'code_verifier in the query and the body',
      `grant_type=authorization_code&code_verifier=a`,
      '?code_verifier=b',
    ],
    ['refresh_token twice', `grant_type=refresh_token&client_id=${SPA}&refresh_token=a&refresh_token=b`, ''],
  ])('%s: invalid_request, PortalSTS0005 in the description', async (_name, body, query) => {
    const response = await form(body, query);
    await expectOAuthError(response.clone(), 'invalid_request');
    const { error_description } = (await response.json()) as { error_description: string };
    expect(error_description).toBe('PortalSTS0005: a parameter was sent more than once');
  });

  it.each(['code', 'code_verifier', 'refresh_token'])(
    '%s in the query string: invalid_request (a URL reaches logs)',
    async (name) => {
      const response = await form(`grant_type=authorization_code&client_id=${SPA}`, `?${name}=x`);
      await expectOAuthError(response.clone(), 'invalid_request');
      expect(await response.json()).toMatchObject({
        error_description: `send ${name} in the form body, not the query string`,
      });
    },
  );

  it('more than 64 parameters: invalid_request', async () => {
    const padding = Array.from({ length: 64 }, (_, i) => `x${i}=1`).join('&');
    await expectOAuthError(await form(`grant_type=refresh_token&${padding}`), 'invalid_request');
  });

  it('without grant_type, a repeated parameter keeps the Power Pages document (PortalSTS0005)', async () => {
    const response = await form(`client_id=${SPA}&client_id=${SPA}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ErrorId: 'PortalSTS0005' });
  });
});

describe('a site with the token service turned off (Connector/ImplicitGrantFlowEnabled=False)', () => {
  const OFF = 'the token service is turned off for this site';
  it('refuses code requests at the redirect URI and grants at the token endpoint: unauthorized_client', async () => {
    await seedSite(dev().table, 'fabrikam', {
      ...codeSiteSettings(dev().url),
      'Connector/ImplicitGrantFlowEnabled': 'False',
    });
    const params = new URLSearchParams(codeParams(pkce().challenge));
    const response = await browser().fetch(`/fabrikam/oauth2/v1/auth?${params}`);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('unauthorized_client');
    expect(location.searchParams.get('error_description')).toBe(OFF);
    const grant = await fetch(`${dev().url}/fabrikam/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&refresh_token=x&client_id=${SPA}`,
    });
    await expectOAuthError(grant.clone(), 'unauthorized_client');
    expect(await grant.json()).toMatchObject({ error_description: OFF });
  });
});

describe('grant_type=refresh_token', () => {
  it('reusing a rotated refresh token revokes the whole family', async () => {
    const { refresh_token: first } = await tokensFor();
    const rotated = await refresh(first);
    expect(rotated.status).toBe(200);
    const { refresh_token: second } = (await rotated.json()) as { refresh_token: string };
    await expectOAuthError(await refresh(first), 'invalid_grant');
    await expectOAuthError(await refresh(second), 'invalid_grant');
  });

  it("another client's refresh token is invalid_grant", async () => {
    const { refresh_token } = await tokensFor();
    await expectOAuthError(await refresh(refresh_token, OTHER), 'invalid_grant');
    expect((await refresh(refresh_token)).status).toBe(200);
  });

  it('a refresh token unused for its idle lifetime (600 s here) is expired (frozen clock)', async () => {
    const { refresh_token } = await tokensFor();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 600_000 });
    await expectOAuthError(await refresh(refresh_token), 'invalid_grant');
  });

  it('scope narrows a refresh; never-granted scopes are left out; an unknown one is refused unrotated', async () => {
    const { refresh_token } = await tokensFor({ scope: 'openid email offline_access' });
    const refused = await postToken(dev().url, {
      grant_type: 'refresh_token',
      refresh_token,
      client_id: SPA,
      scope: 'openid admin',
    });
    await expectOAuthError(refused, 'invalid_scope');
    const narrowed = await postToken(dev().url, {
      grant_type: 'refresh_token',
      refresh_token,
      client_id: SPA,
      scope: 'openid phone',
    });
    expect(narrowed.status).toBe(200);
    const body = (await narrowed.json()) as { scope: string; id_token: string };
    expect(body.scope).toBe('openid');
    expect(body.id_token).toBeDefined();
  });
});
