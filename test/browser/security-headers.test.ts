import type { Dialog, Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeWithBrowser } from '../support/browser.js';
import {
  browserRigForSuite,
  consoleMessages,
  formPostClient,
  SPA_CLIENT,
  signInThroughForm,
} from './support.js';

/**
 * The service's pages as the browser enforces their headers: they cannot be framed by another
 * origin (clickjacking), and request values reflected into them never run as script.
 */

/** expect.poll gives up after 1 s by default: too short for a loaded CI machine. */
const POLL = { timeout: 10_000 };

/** Printable ASCII, so the service accepts it as a state; every HTML context's breakout at once. */
const XSS = `"><script>alert('script')</script><img src=x onerror="alert('img')">'\`<b x="`;

describeWithBrowser('security headers in Chromium', () => {
  const rig = browserRigForSuite();

  const authorizeUrl = (params: Record<string, string>) =>
    `${rig.issuer}/oauth2/v1/auth?${new URLSearchParams(params)}`;

  /** A request for an unregistered redirect URI: the service answers with its own error page. */
  const errorPageUrl = (state = 'framed') =>
    authorizeUrl({
      client_id: SPA_CLIENT,
      redirect_uri: 'https://evil.example/cb',
      response_type: 'id_token',
      scope: 'openid',
      nonce: 'n',
      state,
    });

  /** Every dialog (alert, confirm, prompt) the page opens, dismissed: executed script shows here. */
  function dialogs(page: Page): string[] {
    const opened: string[] = [];
    page.on('dialog', (dialog: Dialog) => {
      opened.push(dialog.message());
      void dialog.dismiss();
    });
    return opened;
  }

  rig.pageTest(
    'the authorize error page cannot be framed by another origin, while a page without the headers can',
    async (page) => {
      const messages = consoleMessages(page);
      const errorPage = errorPageUrl();
      const control = `${rig.dev.url}/.auth/me`;
      const blocked = page.waitForEvent('requestfailed', (request) => request.url() === errorPage);
      await page.goto(
        `${rig.site.url}/frames.html?${new URLSearchParams([
          ['src', errorPage],
          ['src', control],
        ])}`,
      );

      expect((await blocked).failure()?.errorText).toBe('net::ERR_BLOCKED_BY_RESPONSE');
      const framed = await (await page.waitForSelector('#frame-0')).contentFrame();
      await expect.poll(() => framed?.url(), POLL).toBe('chrome-error://chromewebdata/');
      await expect
        .poll(() => messages.some((text) => text.includes(`"frame-ancestors 'none'"`)), POLL)
        .toBe(true);
      // The control: the same browser frames another dev host response that has no such headers.
      await page.frameLocator('#frame-1').locator('pre', { hasText: '[]' }).waitFor();

      // The page itself is fine at the top level: the block is about framing only.
      const topLevel = await page.goto(errorPage);
      expect(topLevel?.status()).toBe(400);
      expect(await topLevel?.headerValue('x-frame-options')).toBe('DENY');
    },
  );

  rig.pageTest(
    'a script in state runs on no page of the flow, and comes back to the client intact',
    async (page) => {
      const opened = dialogs(page);
      const messages = consoleMessages(page);
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const client = formPostClient(page, rig.site.url);

      // Signed out with prompt=none: the form_post page carries the error and the state.
      let posted = client.nextPost();
      await client.authorize({ state: XSS, prompt: 'none' });
      expect(await (await posted).json()).toMatchObject({ error: 'login_required', state: XSS });

      // Signed out: the state rides in the sign-in form's return URL, then in the form_post page
      // (decoded, inside a value attribute) with the tokens.
      posted = client.nextPost();
      await client.authorize({ state: XSS });
      await signInThroughForm(page);
      const tokens = await (await posted).json();
      expect(tokens.state).toBe(XSS);
      expect(tokens.id_token).toEqual(expect.any(String));

      // And the error page of a request that cannot go back to the client.
      const errorPage = await page.goto(errorPageUrl(XSS));
      expect(errorPage?.status()).toBe(400);

      expect(opened).toEqual([]);
      expect(pageErrors).toEqual([]);
      // Escaped, not merely stopped by CSP: Chromium reports every blocked inline script or handler.
      expect(messages.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);

      // The control: a dialog opened by a script is seen, so the empty list above means something.
      await page.goto(`${rig.site.url}/frames.html`);
      await page.evaluate(`alert('control')`);
      expect(opened).toEqual(['control']);
    },
  );
});
