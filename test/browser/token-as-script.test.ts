import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeWithBrowser } from '../support/browser.js';
import { SITE_ID } from '../support/dev-host.js';
import { browserRigForSuite, SPA_CLIENT, signInOnPortal } from './support.js';

/**
 * A token URL included as a script by a page of the same site (another port of localhost, so the
 * session cookie goes along). Without protection, `header.payload.signature` runs as a member
 * expression: a global named after the JWT header receives the payload as a property name.
 */

interface Inclusion {
  stolen: string[];
  outcome: 'load' | 'error';
}

/**
 * Defines the trap global, includes `url` as a script, and reports what reached the trap. Written
 * as page source: it runs in the browser, where `window` and `document` exist.
 */
async function includeAsScript(page: Page, url: string, header: string): Promise<Inclusion> {
  const source = `new Promise((resolve) => {
    const stolen = [];
    const trap = new Proxy({}, { get: (_target, name) => { stolen.push(String(name)); return trap; } });
    Object.defineProperty(window, ${JSON.stringify(header)}, { value: trap, configurable: true });
    const script = document.createElement('script');
    script.src = ${JSON.stringify(url)};
    script.onload = () => resolve({ stolen, outcome: 'load' });
    script.onerror = () => resolve({ stolen, outcome: 'error' });
    document.head.append(script);
  })`;
  return (await page.evaluate(source)) as Inclusion;
}

describeWithBrowser('a token URL included by another page of the same site', () => {
  const rig = browserRigForSuite();

  rig.pageTest(
    'as a script the trap gets nothing; script, style, image...: 403 with nosniff; fetch and navigation still work',
    async (page) => {
      await signInOnPortal(page, rig.dev.url);
      const query = new URLSearchParams({ client_id: SPA_CLIENT, state: 's' });
      const tokenUrls = [
        `${rig.dev.url}/_services/auth/token?${query}`,
        `${rig.dev.url}/${SITE_ID}/oauth2/v1/token?${query}`,
      ];

      // The signed-in user's token, as the app (fetch: empty) or a navigation (document) gets it:
      // still served, with nosniff. Its header names the trap.
      let header = '';
      const sniffable: Array<string | undefined> = [];
      for (const url of tokenUrls) {
        for (const destination of ['empty', 'document']) {
          const allowed = await page.request.get(url, { headers: { 'sec-fetch-dest': destination } });
          expect(allowed.status()).toBe(200);
          expect(allowed.headers()['content-type']).toBe('application/jwt');
          sniffable.push(allowed.headers()['x-content-type-options']);
          header = (await allowed.text()).split('.')[0] ?? '';
        }
      }
      expect(header).toMatch(/^eyJ/);

      // Same site, another origin: the static site's port on localhost.
      const attacker = rig.site.url.replace('127.0.0.1', 'localhost');
      await page.goto(`${attacker}/frames.html`);
      for (const url of tokenUrls) {
        const inclusion = await includeAsScript(page, url, header);
        expect(inclusion).toEqual({ stolen: [], outcome: 'error' });
      }
      expect(sniffable).toEqual(['nosniff', 'nosniff', 'nosniff', 'nosniff']);

      // What the service answers each embedding destination, whatever the browser would do with it.
      for (const url of tokenUrls) {
        for (const destination of ['script', 'style', 'image', 'font', 'object', 'worker']) {
          const refused = await page.request.get(url, { headers: { 'sec-fetch-dest': destination } });
          expect(refused.status()).toBe(403);
          expect(refused.headers()['x-content-type-options']).toBe('nosniff');
          expect(await refused.text()).not.toMatch(/eyJ/);
        }
      }
    },
  );
});
