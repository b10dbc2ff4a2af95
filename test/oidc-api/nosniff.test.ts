import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CookieJarClient, SITE_ID, startTestDevHost, type TestDevHost } from '../support/dev-host.js';
import { signedInBrowser } from './dev-host-support.js';

/**
 * Every response of every function carries `X-Content-Type-Options: nosniff`: documents, tokens,
 * keys, pages, errors of each kind, redirects and preflights. It is added where responses leave
 * the endpoint wrappers, so this list need not grow with the endpoints.
 */

let dev: TestDevHost;
let browser: CookieJarClient;

beforeAll(async () => {
  dev = await startTestDevHost();
  browser = await signedInBrowser(dev.url);
});

afterAll(async () => {
  await dev?.close();
});

const site = `/${SITE_ID}`;
const origin = { Origin: 'https://elsewhere.example' };

const CASES: Array<[string, string, RequestInit?]> = [
  ['token (JWT)', '/_services/auth/token?client_id=demo-app'],
  ['site token (JWT)', `${site}/oauth2/v1/token?client_id=demo-app`],
  ['token error (PortalSTS document)', '/_services/auth/token?client_id=nobody'],
  ['site token error (OAuth JSON)', `${site}/oauth2/v1/token?client_id=demo-app&grant_type=code`],
  ['PEM', '/_services/auth/publickey'],
  ['JWKS', `${site}/oauth2/v1/keys`],
  ['discovery', `${site}/.well-known/openid-configuration`],
  ['unknown site (404 document)', '/no-such-site/oauth2/v1/keys'],
  ['verify error', `${site}/oauth2/v1/verify`],
  ['userinfo challenge', `${site}/oauth2/v1/userinfo`],
  ['authorize error page (HTML)', `${site}/oauth2/v1/auth?client_id=nobody`],
  ['preflight, credentialed', `${site}/oauth2/v1/token`, { method: 'OPTIONS', headers: origin }],
  ['preflight, open', `${site}/oauth2/v1/keys`, { method: 'OPTIONS', headers: origin }],
];

describe('nosniff on every response', () => {
  for (const [what, path, init] of CASES) {
    it(what, async () => {
      const response = await browser.fetch(path, init);
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });
  }

  it('a redirect (the sign-in challenge of a signed-out navigation)', async () => {
    const response = await fetch(`${dev.url}/_services/auth/token?client_id=demo-app`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
