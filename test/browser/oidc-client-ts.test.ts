import { jwtVerify } from 'jose';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeWithBrowser } from '../support/browser.js';
import { ALEX, browserRigForSuite, CODE_CALLBACK_PATH, SPA_CLIENT, signInThroughForm } from './support.js';

/**
 * oidc-client-ts 3 (which supports only the code flow with PKCE) from a page on another origin:
 * signinRedirect through the dev sign-in form, the code redeemed cross-origin at the token
 * endpoint, the ID token checked by the library; then signinSilent with the refresh token, which
 * needs no session and rotates the refresh token.
 */

interface LibraryUser {
  profile: Record<string, unknown>;
  id_token: string;
  access_token: string;
  refresh_token: string | undefined;
  token_type: string;
  scope: string;
  expired: boolean;
}

describeWithBrowser('oidc-client-ts code flow in Chromium', () => {
  const rig = browserRigForSuite();

  async function settled(page: Page, selector: string): Promise<string | null> {
    const element = page.locator(`${selector}[data-state]`);
    await element.waitFor({ state: 'attached' });
    return element.getAttribute('data-state');
  }

  rig.pageTest(
    'signinRedirect (code + PKCE) through the dev sign-in, then signinSilent with the refresh token',
    async (page) => {
      const tokenRequests: Array<{ grantType: string | null; cookie: string | undefined }> = [];
      const authorize: URL[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.endsWith('/oauth2/v1/auth')) authorize.push(url);
        if (url.pathname.endsWith('/oauth2/v1/token') && request.method() === 'POST') {
          const body = new URLSearchParams(request.postData() ?? '');
          tokenRequests.push({ grantType: body.get('grant_type'), cookie: request.headers().cookie });
        }
      });

      await page.goto(`${rig.site.url}/ts/index.html`);
      await page.waitForSelector('body[data-ready="true"]');
      await page.click('#sign-in');
      await signInThroughForm(page);
      await page.waitForURL((url) => url.href.startsWith(`${rig.site.url}${CODE_CALLBACK_PATH}`));
      expect(await settled(page, '#result')).toBe('signed-in');
      expect(await page.textContent('#sub')).toBe(ALEX.userId);
      expect(await page.textContent('#email')).toBe(ALEX.email);

      expect(authorize[0]?.searchParams.get('response_type')).toBe('code');
      expect(authorize[0]?.searchParams.get('code_challenge_method')).toBe('S256');
      const user = (await page.evaluate('window.signedInUser')) as LibraryUser;
      expect(user.token_type).toBe('Bearer');
      expect(user.refresh_token).toEqual(expect.any(String));
      const { payload } = await jwtVerify(user.id_token, rig.jwks, {
        issuer: rig.issuer,
        audience: SPA_CLIENT,
      });
      expect(payload).toMatchObject({
        sub: ALEX.userId,
        at_hash: expect.any(String),
      });

      await page.click('#renew');
      expect(await settled(page, '#renewal')).toBe('renewed');
      const renewed = (await page.evaluate('window.renewedUser')) as LibraryUser;
      expect(renewed.access_token).not.toBe(user.access_token);
      expect(renewed.refresh_token).toEqual(expect.any(String));
      expect(renewed.refresh_token).not.toBe(user.refresh_token);
      expect(renewed.profile.sub).toBe(ALEX.userId);
      const access = await jwtVerify(renewed.access_token, rig.jwks, { issuer: rig.issuer, typ: 'at+jwt' });
      expect(access.payload).toMatchObject({ sub: ALEX.userId, client_id: SPA_CLIENT });

      expect(tokenRequests.map((request) => request.grantType)).toEqual([
        'authorization_code',
        'refresh_token',
      ]);
      // Cross-origin fetches without credentials: the refresh did not ride on the Easy Auth cookie.
      expect(tokenRequests.every((request) => request.cookie === undefined)).toBe(true);
    },
  );
});
