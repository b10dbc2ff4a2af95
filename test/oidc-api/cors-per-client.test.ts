import { beforeEach, describe, expect, it } from 'vitest';
import { siteTokenHandler, tokenHandler } from '../../functions/token.js';
import { userinfoHandler, verifyHandler } from '../../functions/verify.js';
import { callHandler } from '../support/call-handler.js';
import { ADA, DEMO_SETTINGS, principalHeaders, setUpTokenSite } from '../support/token-site.js';
import { apiRequest, formPost, mintOidc, PORTAL_ORIGIN } from './support.js';

/**
 * A token response is readable cross-origin only by the pages of the client it was issued to and
 * the site's allow-list: another registered client's origin gets no grant.
 */

const DEMO_ORIGIN = 'http://localhost:7071';
const SPA_ORIGIN = 'https://spa.contoso.example';

beforeEach(async () => {
  await setUpTokenSite({
    ...DEMO_SETTINGS,
    'ImplicitGrantFlow/RegisteredClientId': 'demo-app;spa',
    'ImplicitGrantFlow/spa/RedirectUri': `${SPA_ORIGIN}/callback`,
    'ImplicitGrantFlow/CorsAllowedOrigins': PORTAL_ORIGIN,
  });
});

const params = { site: 'contoso' };

async function grantOf(response: Promise<{ headers: Headers; status: number }>): Promise<string | null> {
  return (await response).headers.get('access-control-allow-origin');
}

const token = (query: string, origin: string) =>
  callHandler(
    tokenHandler,
    apiRequest(`/_services/auth/token${query}`, { headers: { ...principalHeaders(ADA), origin } }),
  );

describe('token responses, per client', () => {
  it("client_id=demo-app: demo-app's origin and the allow-list, not spa's", async () => {
    expect(await grantOf(token('?client_id=demo-app', DEMO_ORIGIN))).toBe(DEMO_ORIGIN);
    expect(await grantOf(token('?client_id=demo-app', PORTAL_ORIGIN))).toBe(PORTAL_ORIGIN);
    expect(await grantOf(token('?client_id=demo-app', SPA_ORIGIN))).toBeNull();
  });

  it('client_id in a POST form body counts the same (site route)', async () => {
    const post = (clientId: string) =>
      callHandler(
        siteTokenHandler,
        formPost(
          '/contoso/oauth2/v1/token',
          { client_id: clientId },
          { params, headers: { ...principalHeaders(ADA), origin: SPA_ORIGIN } },
        ),
      );
    const own = await post('spa');
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);
    const other = await post('demo-app');
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('no client_id (or a repeated one): the allow-list only', async () => {
    expect(await grantOf(token('', SPA_ORIGIN))).toBeNull();
    expect(await grantOf(token('', DEMO_ORIGIN))).toBeNull();
    expect(await grantOf(token('', PORTAL_ORIGIN))).toBe(PORTAL_ORIGIN);
    expect(await grantOf(token('?client_id=spa&client_id=spa', SPA_ORIGIN))).toBeNull();
  });
});

describe('preflights', () => {
  const preflight = (query: string, origin: string) =>
    callHandler(
      siteTokenHandler,
      apiRequest(`/contoso/oauth2/v1/token${query}`, { method: 'OPTIONS', params, headers: { origin } }),
    );

  it("naming a client in the query: that client's origins only", async () => {
    expect(await grantOf(preflight('?client_id=demo-app', SPA_ORIGIN))).toBeNull();
    expect(await grantOf(preflight('?client_id=spa', SPA_ORIGIN))).toBe(SPA_ORIGIN);
  });

  it('naming none: any origin of the site (the actual response decides)', async () => {
    expect(await grantOf(preflight('', SPA_ORIGIN))).toBe(SPA_ORIGIN);
    expect(await grantOf(preflight('', 'https://evil.example'))).toBeNull();
  });
});

describe('userinfo and verify', () => {
  it("userinfo (the user's profile from the session): the access token's client's origins only", async () => {
    const { accessToken } = await mintOidc();
    const userinfo = (origin: string) =>
      callHandler(
        userinfoHandler,
        apiRequest('/contoso/oauth2/v1/userinfo', {
          params,
          headers: { ...principalHeaders(ADA), authorization: `Bearer ${accessToken}`, origin },
        }),
      );
    const own = await userinfo(DEMO_ORIGIN);
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(DEMO_ORIGIN);
    expect(await grantOf(userinfo(SPA_ORIGIN))).toBeNull();
  });

  it('verify (describes only the token sent): any origin of the site', async () => {
    const { idToken } = await mintOidc();
    const verify = (origin: string) =>
      callHandler(
        verifyHandler,
        formPost('/contoso/oauth2/v1/verify', { token: idToken }, { params, headers: { origin } }),
      );
    expect(await grantOf(verify(SPA_ORIGIN))).toBe(SPA_ORIGIN);
    expect(await grantOf(verify('https://evil.example'))).toBeNull();
  });
});
