import { jwtVerify } from 'jose';
import { expect } from 'vitest';
import { describeWithBrowser } from '../support/browser.js';
import {
  ALEX,
  browserRigForSuite,
  consoleMessages,
  FORM_POST_CALLBACK_PATH,
  formPostClient,
  SPA_CLIENT,
  signInThroughForm,
} from './support.js';

/**
 * response_mode=form_post in a real browser: the service's page posts the tokens to the client's
 * callback on another origin by itself, under its own hashed-script CSP, so the tokens travel in a
 * POST body and never in a URL (history, logs, Referer).
 */

describeWithBrowser('form_post response mode in Chromium', () => {
  const rig = browserRigForSuite();

  rig.pageTest(
    'signs in through the dev form, then the page posts the tokens to the callback on its own',
    async (page) => {
      const messages = consoleMessages(page);
      const requestUrls: string[] = [];
      page.on('request', (request) => requestUrls.push(request.url()));
      const client = formPostClient(page, rig.site.url);
      const { callback } = client;
      const formPostPage = page.waitForResponse(
        (response) => response.url().includes('/oauth2/v1/auth?') && response.status() === 200,
      );
      const posted = client.nextPost();
      const nonce = 'browser-form-post-nonce';
      const state = 'browser-form-post-state';

      await client.authorize({ nonce, state });
      await signInThroughForm(page);
      // Nothing is clicked on the form_post page: its script submits the form.
      await page.waitForURL(callback);

      const pageResponse = await formPostPage;
      const csp = (await pageResponse.allHeaders())['content-security-policy'] ?? '';
      expect(csp).toContain(`form-action ${rig.site.url}`);
      expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(messages.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);

      const received = await (await posted).json();
      expect(Object.keys(received).sort()).toEqual(
        ['access_token', 'expires_in', 'id_token', 'iss', 'scope', 'state', 'token_type'].sort(),
      );
      expect(received).toMatchObject({ state, iss: rig.issuer, token_type: 'Bearer' });
      const { payload } = await jwtVerify(received.id_token, rig.jwks, {
        issuer: rig.issuer,
        audience: SPA_CLIENT,
      });
      expect(payload).toMatchObject({ sub: ALEX.userId, nonce });

      // The callback got it all in the body: a bare URL, no Referer naming the authorize request.
      expect(rig.site.posts).toHaveLength(1);
      const [post] = rig.site.posts;
      expect(post?.url).toBe(FORM_POST_CALLBACK_PATH);
      expect(post?.fields).toEqual(received);
      expect(post?.headers.referer).toBeUndefined();
      expect(page.url()).toBe(callback);
      for (const url of requestUrls) {
        expect(url).not.toContain(received.id_token);
        expect(url).not.toContain(received.access_token);
      }
    },
  );
});
