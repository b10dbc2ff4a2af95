import { importSPKI, jwtVerify } from 'jose';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_CLIENT_ID } from '../../dev/demo-site.js';
import { describeWithBrowser } from '../support/browser.js';
import { ALEX, browserRigForSuite, signInThroughForm } from './support.js';

/**
 * The demo page at / of the dev host (dev/public), as a developer uses it after `npm start`: its
 * own sign-in link, "Get token" through Power Pages' XHR convention, and its in-page check of the
 * token's signature against /_services/auth/publickey.
 */

describeWithBrowser('the demo page in Chromium', () => {
  const rig = browserRigForSuite();

  const SIGNED_IN = `Signed in as ${ALEX.userDetails} (provider dev).`;

  async function expectStatus(page: Page, text: string) {
    await page.locator('#user-status', { hasText: text }).waitFor();
  }

  /** Presses "Get token" and returns the token once the page shows its verdict. */
  async function getToken(
    page: Page,
  ): Promise<{ verdict: string; claims: Record<string, unknown>; raw: string }> {
    await page.click('#get-token');
    await page.locator('#token-result').waitFor({ state: 'visible' });
    return {
      verdict: (await page.textContent('#signature')) ?? '',
      claims: JSON.parse((await page.textContent('#jwt-claims')) ?? '{}'),
      raw: (await page.textContent('#jwt-raw')) ?? '',
    };
  }

  /** The token checked apart from the page: against the PEM an API would download. */
  async function verifyPowerPagesToken(raw: string, alg: string) {
    const pem = await (await fetch(`${rig.dev.url}/_services/auth/publickey`)).text();
    return jwtVerify(raw, await importSPKI(pem, alg), {
      issuer: new URL(rig.dev.url).host,
      audience: DEMO_CLIENT_ID,
    });
  }

  rig.pageTest(
    'signs in through its link and the dev form; "Get token" shows the claims and "signature valid"',
    async (page) => {
      await page.goto(`${rig.dev.url}/`);
      await expectStatus(page, 'Not signed in.');
      await page.click('#sign-in');
      await signInThroughForm(page);
      expect(page.url()).toBe(`${rig.dev.url}/`);
      await expectStatus(page, SIGNED_IN);
      expect(await page.isVisible('#sign-out')).toBe(true);

      const { verdict, claims, raw } = await getToken(page);
      expect(verdict).toMatch(/^(RS256|ES256): signature valid, state echoed, nonce matches$/);
      expect(await page.getAttribute('#signature', 'class')).toBe('verdict valid');
      expect(claims).toMatchObject({ sub: ALEX.userId, aud: DEMO_CLIENT_ID, email: ALEX.email });
      const alg = verdict.slice(0, verdict.indexOf(':'));
      const { payload } = await verifyPowerPagesToken(raw, alg);
      expect(payload).toEqual(claims);

      await page.click('#sign-out');
      await expectStatus(page, 'Not signed in.');
    },
  );

  rig.pageTest(
    'signed out, "Get token" gets the X-Responded-JSON envelope and sends the user to sign in and back',
    async (page) => {
      await page.goto(`${rig.dev.url}/`);
      await expectStatus(page, 'Not signed in.');
      const challenge = page.waitForResponse((response) => response.url().includes('/_services/auth/token?'));
      await page.click('#get-token');

      const response = await challenge;
      expect(response.status()).toBe(200);
      const envelope = JSON.parse((await response.headerValue('x-responded-json')) ?? '{}');
      expect(envelope.status).toBe(401);
      const location = new URL(envelope.headers.location, rig.dev.url);
      expect(location.pathname).toBe('/.auth/login/dev');
      // The service returns to the token request itself, as Power Pages does...
      expect(location.searchParams.get('post_login_redirect_uri')).toMatch(/^\/_services\/auth\/token\?/);
      // ...and the page swaps that for itself, so the user lands on the page, not on a bare JWT.
      await page.waitForURL((url) => url.pathname === '/.auth/login/dev');
      expect(new URL(page.url()).searchParams.get('post_login_redirect_uri')).toBe('/');

      await signInThroughForm(page);
      expect(page.url()).toBe(`${rig.dev.url}/`);
      await expectStatus(page, SIGNED_IN);
      const { verdict, claims } = await getToken(page);
      expect(verdict).toContain('signature valid');
      expect(claims.sub).toBe(ALEX.userId);
    },
  );
});
