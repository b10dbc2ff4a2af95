import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, CookieJarClient, SITE_ID, startTestDevHost, type TestDevHost } from '../support/dev-host.js';

/**
 * The Power Pages implicit grant flow end to end over HTTP, against the real function modules in
 * the dev host: a browser signs in through Easy Auth, its script gets the ID token, and an API
 * validates it with nothing but the PEM from /_services/auth/publickey.
 */

let dev: TestDevHost;

beforeAll(async () => {
  dev = await startTestDevHost();
});

afterAll(async () => {
  await dev?.close();
});

const XHR = { 'X-Requested-With': 'XMLHttpRequest' };

async function signedInBrowser(): Promise<CookieJarClient> {
  const browser = new CookieJarClient(dev.url);
  const form = await browser.fetch('/.auth/login/dev?post_login_redirect_uri=/');
  expect(form.status).toBe(200);
  const signIn = await browser.signIn({ ...ALEX, post_login_redirect_uri: '/' });
  expect(signIn.status).toBe(303);
  return browser;
}

/** What an external API does: fetch the PEM once, then verify signature, issuer, audience, expiry. */
async function verifyAsApi(token: string) {
  const pem = await (await fetch(`${dev.url}/_services/auth/publickey`)).text();
  expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n?$/);
  const { alg } = decodeProtectedHeader(token);
  expect(['RS256', 'ES256']).toContain(alg);
  const key = await importSPKI(pem, alg ?? 'RS256');
  return jwtVerify(token, key, { issuer: new URL(dev.url).host, audience: 'demo-app' });
}

describe('Power Pages implicit grant flow through the dev host', () => {
  it('GET /_services/auth/token: a JWT that validates against the public key, with the user claims', async () => {
    const browser = await signedInBrowser();
    const response = await browser.fetch(
      '/_services/auth/token?client_id=demo-app&state=st-123&nonce=nonce-456',
      {
        headers: XHR,
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/jwt');
    expect(response.headers.get('state')).toBe('st-123');
    const expiresIn = Number(response.headers.get('expires_in'));
    expect(expiresIn).toBe(900);
    const token = await response.text();

    const { payload } = await verifyAsApi(token);
    expect(payload).toMatchObject({
      sub: ALEX.userId,
      preferred_username: ALEX.userDetails,
      email: ALEX.email,
      given_name: ALEX.given_name,
      family_name: ALEX.family_name,
      phone_number: ALEX.phone_number,
      aud: 'demo-app',
      appid: 'demo-app',
      scp: SITE_ID,
      iss: new URL(dev.url).host,
      nonce: 'nonce-456',
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(expiresIn);
    const [customer] = payload.lp_sdes as { type: string; info: { customerId: string } }[];
    expect(customer?.type).toBe('ctmrinfo');
    expect(customer?.info.customerId).toBe(payload.sub);
  });

  it('POST /_services/auth/token with a form body gives the same kind of token', async () => {
    const browser = await signedInBrowser();
    const response = await browser.fetch('/_services/auth/token', {
      method: 'POST',
      headers: { ...XHR, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'client_id=demo-app&state=post-state&nonce=post-nonce',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('state')).toBe('post-state');
    const { payload } = await verifyAsApi(await response.text());
    expect(payload).toMatchObject({ sub: ALEX.userId, nonce: 'post-nonce', aud: 'demo-app' });
  });

  it('rejects a token signed with another key, as the API would', async () => {
    const browser = await signedInBrowser();
    const token = await (
      await browser.fetch('/_services/auth/token?client_id=demo-app', { headers: XHR })
    ).text();
    const [header, payload, signature = ''] = token.split('.');
    const tampered = `${header}.${payload}.${signature.slice(0, -4)}${signature.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await expect(verifyAsApi(tampered)).rejects.toThrow();
  });

  it('answers an anonymous XHR with 200 + X-Responded-JSON (401 and the sign-in location)', async () => {
    const anonymous = new CookieJarClient(dev.url);
    const path = '/_services/auth/token?client_id=demo-app&state=xyz';
    const response = await anonymous.fetch(path, { headers: XHR });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    const envelope = JSON.parse(response.headers.get('x-responded-json') ?? 'null');
    expect(envelope).toEqual({
      status: 401,
      headers: { location: `/.auth/login/dev?post_login_redirect_uri=${encodeURIComponent(path)}` },
    });
  });

  it('redirects an anonymous navigation to sign in, and after signing in there returns to the original URL', async () => {
    const browser = new CookieJarClient(dev.url);
    const original = '/_services/auth/token?client_id=demo-app&state=nav-state&nonce=nav-nonce';
    const challenge = await browser.fetch(original);
    expect(challenge.status).toBe(302);
    const signInLocation = challenge.headers.get('location') ?? '';
    expect(signInLocation).toBe(`/.auth/login/dev?post_login_redirect_uri=${encodeURIComponent(original)}`);

    // The sign-in page carries the return URL into its form; submitting the form goes back there.
    const form = await browser.fetch(signInLocation);
    expect(form.status).toBe(200);
    const html = await form.text();
    const returnTo = /name="post_login_redirect_uri" value="([^"]*)"/
      .exec(html)?.[1]
      ?.replaceAll('&#38;', '&');
    expect(returnTo).toBe(original);
    const signIn = await browser.signIn({ ...ALEX, post_login_redirect_uri: returnTo });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe(original);

    const back = await browser.fetch(signIn.headers.get('location') ?? '/');
    expect(back.status).toBe(200);
    expect(back.headers.get('state')).toBe('nav-state');
    const { payload } = await verifyAsApi(await back.text());
    expect(payload.nonce).toBe('nav-nonce');
  });

  it('keeps issued tokens and session cookies out of the host log', async () => {
    const browser = await signedInBrowser();
    const token = await (
      await browser.fetch('/_services/auth/token?client_id=demo-app', { headers: XHR })
    ).text();
    const logs = dev.logs.join('\n');
    expect(logs).toContain('GET /_services/auth/token -> 200');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(token.split('.')[1]);
    expect(logs).not.toContain(browser.cookies.get('AppServiceAuthSession') ?? 'no session?');
  });
});
