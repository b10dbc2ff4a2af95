import { jwtVerify } from 'jose';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeWithBrowser } from '../support/browser.js';
import {
  ALEX,
  browserRigForSuite,
  OIDC_CALLBACK_PATH,
  SPA_CLIENT,
  signInOnPortal,
  signInThroughForm,
} from './support.js';

/**
 * oidc-client 1.11 (the implicit-flow library many older SPAs still run) signing in with
 * response_type "id_token token" from a page on another origin than the provider: discovery and
 * JWKS over open CORS, the dev Easy Auth form, the ID token (signature, iss, aud, nonce, at_hash)
 * and userinfo (credentialed CORS for the registered origin) checked by the library itself.
 */

/** What the callback page exposes of oidc-client's User. */
interface LibraryUser {
  profile: Record<string, unknown>;
  id_token: string;
  access_token: string;
  token_type: string;
  scope: string;
  expires_in: number;
  expired: boolean;
}

describeWithBrowser('oidc-client implicit sign-in in Chromium', () => {
  const rig = browserRigForSuite();

  const callbackUrl = () => `${rig.site.url}${OIDC_CALLBACK_PATH}`;

  async function openApp(page: Page) {
    await page.goto(`${rig.site.url}/oidc/index.html`);
    await page.waitForSelector('body[data-ready="true"]');
  }

  /** Waits for the callback page to settle; returns whether the library signed the user in. */
  async function callbackOutcome(page: Page): Promise<string | null> {
    await page.waitForURL((url) => url.href.startsWith(callbackUrl()));
    const result = page.locator('#result[data-state]');
    await result.waitFor();
    return result.getAttribute('data-state');
  }

  async function libraryUser(page: Page): Promise<LibraryUser> {
    return (await page.evaluate('window.signedInUser')) as LibraryUser;
  }

  rig.pageTest(
    'signed out: authorize sends the browser to the dev form, which comes back through authorize to the callback',
    async (page) => {
      await openApp(page);
      await page.click('#sign-in');
      await signInThroughForm(page);
      expect(await callbackOutcome(page)).toBe('signed-in');
      expect(await page.textContent('#sub')).toBe(ALEX.userId);
      expect(await page.textContent('#email')).toBe(ALEX.email);
      expect(await page.textContent('#given-name')).toBe(ALEX.given_name);
      const { payload } = await jwtVerify((await libraryUser(page)).id_token, rig.jwks, {
        issuer: rig.issuer,
        audience: SPA_CLIENT,
      });
      expect(payload.sub).toBe(ALEX.userId);
    },
  );

  rig.pageTest(
    'with a session from the dev form, the library signs in with no form and accepts tokens that validate against the JWKS',
    async (page) => {
      await signInOnPortal(page, rig.dev.url);
      const forms: string[] = [];
      const userinfo: string[] = [];
      const nonces: (string | null)[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname === '/.auth/login/dev') forms.push(request.url());
        if (url.pathname.endsWith('/oauth2/v1/userinfo')) userinfo.push(request.method());
        if (url.pathname.endsWith('/oauth2/v1/auth')) nonces.push(url.searchParams.get('nonce'));
      });

      await openApp(page);
      await page.click('#sign-in');
      expect(await callbackOutcome(page)).toBe('signed-in');
      expect(await page.textContent('#sub')).toBe(ALEX.userId);
      expect(await page.textContent('#email')).toBe(ALEX.email);
      expect(await page.textContent('#given-name')).toBe(ALEX.given_name);
      expect(await page.textContent('#expired')).toBe('false');

      // The library's verdict: it validated signature, iss, aud, nonce and at_hash, or it would
      // have rejected; then it called userinfo cross-origin with the access token and merged it.
      const user = await libraryUser(page);
      expect(user.expired).toBe(false);
      expect(user.token_type).toBe('Bearer');
      expect(user.expires_in).toBeGreaterThan(0);
      expect(await page.textContent('#access-token')).toBe(user.access_token);
      expect(userinfo).toContain('GET');
      expect(user.profile).toMatchObject({ sub: ALEX.userId, family_name: ALEX.family_name });

      // Independently of the library: the site's ID token, for this client, with a nonce.
      const { payload } = await jwtVerify(user.id_token, rig.jwks, {
        issuer: rig.issuer,
        audience: SPA_CLIENT,
      });
      expect(payload).toMatchObject({ sub: ALEX.userId, email: ALEX.email, given_name: ALEX.given_name });
      expect(nonces).toHaveLength(1);
      expect(payload.nonce).toBe(nonces[0]);
      expect(payload.at_hash).toEqual(expect.any(String));
      const access = await jwtVerify(user.access_token, rig.jwks, { issuer: rig.issuer, typ: 'at+jwt' });
      expect(access.payload).toMatchObject({ sub: ALEX.userId, client_id: SPA_CLIENT });

      // Again in the same browser: straight through, a new nonce, a new ID token.
      await openApp(page);
      await page.click('#sign-in-no-userinfo');
      expect(await callbackOutcome(page)).toBe('signed-in');
      const again = await libraryUser(page);
      expect(again.profile.sub).toBe(ALEX.userId);
      const second = await jwtVerify(again.id_token, rig.jwks, {
        issuer: rig.issuer,
        audience: SPA_CLIENT,
      });
      expect(nonces).toHaveLength(2);
      expect(second.payload.nonce).toBe(nonces[1]);
      expect(second.payload.nonce).not.toBe(payload.nonce);
      expect(forms).toEqual([]);
      expect(userinfo.filter((method) => method === 'GET')).toHaveLength(1);
    },
  );

  rig.pageTest(
    'prompt=none while signed out comes back with login_required, which the library reports',
    async (page) => {
      await openApp(page);
      await page.click('#sign-in-prompt-none');
      expect(await callbackOutcome(page)).toBe('error');
      expect(await page.textContent('#error')).toBe('login_required');
      expect(await page.textContent('#error-description')).not.toBe('');
      expect(await page.evaluate('window.signedInUser')).toBeUndefined();
    },
  );
});
