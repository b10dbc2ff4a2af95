import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userinfoHandler } from '../../functions/verify.js';
import { callHandler } from '../support/call-handler.js';
import { ADA, principalHeaders, setUpTokenSite } from '../support/token-site.js';
import { apiRequest, BASE, formPost, mintOidc, mintPowerPages } from './support.js';

beforeEach(async () => {
  await setUpTokenSite();
});

afterEach(() => {
  vi.useRealTimers();
});

const PATH = '/contoso/oauth2/v1/userinfo';
const tenant = { site: 'contoso' };

function userinfo(headers: Record<string, string> = {}, method = 'GET') {
  return callHandler(userinfoHandler, apiRequest(PATH, { method, params: tenant, headers }));
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('GET|POST /{tenant}/oauth2/v1/userinfo with a valid access token', () => {
  it('answers sub alone when the request carries no session (an API calling)', async () => {
    const { accessToken } = await mintOidc();
    const response = await userinfo(bearer(accessToken));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.json()).toEqual({ sub: 'ada-0001' });
  });

  it("adds the scope's claims from the same user's Easy Auth session (a browser with credentials)", async () => {
    const { accessToken } = await mintOidc({ scopes: ['openid', 'profile', 'email'] });
    const response = await userinfo({ ...bearer(accessToken), ...principalHeaders(ADA) });
    expect(response.json()).toEqual({
      sub: 'ada-0001',
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
      preferred_username: 'ada@contoso.com',
      email: 'ada@contoso.com',
    });
  });

  it("never mixes in another user's session", async () => {
    const { accessToken } = await mintOidc();
    const response = await userinfo({
      ...bearer(accessToken),
      ...principalHeaders({
        id: 'mallory',
        name: 'mallory@example.com',
        claims: [['email', 'm@example.com']],
      }),
    });
    expect(response.json()).toEqual({ sub: 'ada-0001' });
  });

  it('takes the token from a POST form body (access_token)', async () => {
    const { accessToken } = await mintOidc({ scopes: ['openid', 'phone'] });
    const response = await callHandler(
      userinfoHandler,
      formPost(PATH, { access_token: accessToken }, { params: tenant, headers: principalHeaders(ADA) }),
    );
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ sub: 'ada-0001', phone_number: '+44 20 7946 0000' });
  });
});

describe('userinfo refusals (RFC 6750)', () => {
  it('no token: 401 with a bare Bearer challenge', async () => {
    const response = await userinfo();
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body).toBe('');
  });

  it('an ID token presented as an access token: 401 invalid_token', async () => {
    const { idToken } = await mintOidc();
    const response = await userinfo(bearer(idToken));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="the token is not an access token"',
    );
    expect(response.json()).toMatchObject({ error: 'invalid_token' });
  });

  it("a Power Pages token, garbage, or another tenant's access token: 401 invalid_token", async () => {
    const { accessToken: foreign } = await mintOidc({ issuer: `${BASE}/fabrikam` });
    for (const token of [await mintPowerPages(), 'garbage', foreign]) {
      const response = await userinfo(bearer(token));
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    }
  });

  it('an expired access token, on a frozen clock: 401 invalid_token "expired"', async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    const { accessToken } = await mintOidc({ lifetimeSeconds: 60 });
    vi.setSystemTime((Math.floor(start / 1000) + 60 + 5) * 1000);
    const response = await userinfo(bearer(accessToken));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="the access token expired"',
    );
  });

  it('an access token without the openid scope: 403 insufficient_scope', async () => {
    const { accessToken } = await mintOidc({ scopes: ['profile'] });
    const response = await userinfo(bearer(accessToken));
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(response.headers.get('www-authenticate')).toContain('scope="openid"');
  });

  it('a token in the header and the body, or in the URL: 400 invalid_request', async () => {
    const { accessToken } = await mintOidc();
    const both = await callHandler(
      userinfoHandler,
      formPost(PATH, { access_token: accessToken }, { params: tenant, headers: bearer(accessToken) }),
    );
    expect(both.status).toBe(400);
    expect(both.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_request"/);
    const inUrl = await callHandler(
      userinfoHandler,
      apiRequest(`${PATH}?access_token=${accessToken}`, { params: tenant }),
    );
    expect(inUrl.status).toBe(400);
  });
});
