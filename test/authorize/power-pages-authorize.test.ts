import { decodeJwt, importSPKI, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { CookieJarClient } from '../support/dev-host.js';
import {
  ALEX,
  authorizeHostForFile,
  redirectParams,
  SPA,
  SPA_CALLBACK,
  signedInBrowser,
  signIn,
} from './support.js';

/**
 * `GET /_services/auth/authorize`: Power Pages' older authorize endpoint. The token in the fragment
 * is the same Power Pages token /_services/auth/token issues (host-only issuer, aud/appid =
 * client_id), and the redirect URI rules are the OpenID Connect endpoint's.
 */

const { dev } = authorizeHostForFile();

const path = (params: Record<string, string>) => `/_services/auth/authorize?${new URLSearchParams(params)}`;
const GOOD = {
  response_type: 'token',
  client_id: SPA,
  redirect_uri: SPA_CALLBACK,
  state: 'pp-state',
  nonce: 'pp-nonce',
};

async function verifyPowerPagesToken(token: string) {
  const pem = await (await fetch(`${dev().url}/_services/auth/publickey`)).text();
  return jwtVerify(token, await importSPKI(pem, 'RS256'), { issuer: new URL(dev().url).host, audience: SPA });
}

describe('GET /_services/auth/authorize', () => {
  it('signs in, comes back, and redirects to redirect_uri#token=<jwt>&expires_in=<s>&state=<state>', async () => {
    const browser = new CookieJarClient(dev().url);
    const challenge = await browser.fetch(path(GOOD));
    expect(challenge.status).toBe(302);
    const response = await signIn(browser, challenge.headers.get('location') ?? '');
    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const { url, fragment } = redirectParams(response.headers.get('location'));
    expect(`${url.origin}${url.pathname}${url.search}`).toBe(SPA_CALLBACK);
    expect([...fragment.keys()]).toEqual(['token', 'expires_in', 'state']);
    expect(fragment.get('state')).toBe('pp-state');
    const { payload } = await verifyPowerPagesToken(fragment.get('token') ?? '');
    expect(payload).toMatchObject({ sub: ALEX.userId, appid: SPA, nonce: 'pp-nonce', scp: 'contoso' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(Number(fragment.get('expires_in')));
  });

  it('response_type may be left out', async () => {
    const browser = await signedInBrowser(dev().url);
    const { response_type: _omitted, ...rest } = GOOD;
    const { fragment } = redirectParams((await browser.fetch(path(rest))).headers.get('location'));
    expect(decodeJwt(fragment.get('token') ?? '').aud).toBe(SPA);
  });

  it('a redirect_uri that is not registered is never redirected to', async () => {
    const browser = await signedInBrowser(dev().url);
    for (const redirectUri of [`${SPA_CALLBACK}/`, 'https://evil.example/callback']) {
      const response = await browser.fetch(path({ ...GOOD, redirect_uri: redirectUri }));
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('PortalSTS0020');
    }
  });

  it('a missing client_id or redirect_uri is a page too', async () => {
    const browser = await signedInBrowser(dev().url);
    const { client_id: _c, ...noClient } = GOOD;
    const { redirect_uri: _r, ...noRedirect } = GOOD;
    expect(await (await browser.fetch(path(noClient))).text()).toContain('PortalSTS0021');
    expect(await (await browser.fetch(path(noRedirect))).text()).toContain('PortalSTS0020');
  });

  it('state or nonce breaking the Power Pages rules (over 20 characters): invalid_request at the redirect URI', async () => {
    const browser = await signedInBrowser(dev().url);
    const longState = await browser.fetch(path({ ...GOOD, state: 's'.repeat(21) }));
    const first = redirectParams(longState.headers.get('location')).fragment;
    expect(first.get('error')).toBe('invalid_request');
    expect(first.has('state')).toBe(false);
    const longNonce = await browser.fetch(path({ ...GOOD, nonce: 'n'.repeat(21) }));
    const second = redirectParams(longNonce.headers.get('location')).fragment;
    expect(second.get('error')).toBe('invalid_request');
    expect(second.get('state')).toBe('pp-state');
    expect(second.has('token')).toBe(false);
  });

  it('a state with a trailing space is refused and not echoed, as on the token endpoint', async () => {
    const browser = await signedInBrowser(dev().url);
    const response = await browser.fetch(path({ ...GOOD, state: 'pp-state ' }));
    const fragment = redirectParams(response.headers.get('location')).fragment;
    expect(fragment.get('error')).toBe('invalid_request');
    expect(fragment.has('state')).toBe(false);
  });

  it('another response_type: unsupported_response_type', async () => {
    const browser = await signedInBrowser(dev().url);
    const response = await browser.fetch(path({ ...GOOD, response_type: 'id_token' }));
    expect(redirectParams(response.headers.get('location')).fragment.get('error')).toBe(
      'unsupported_response_type',
    );
  });
});
