import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { postLogoutRedirectUriSettingName } from '../../shared/settings/setting-names.js';
import { describeWithBrowser } from '../support/browser.js';
import { SITE_ID } from '../support/dev-host.js';
import { seedSite } from '../support/settings-fixture.js';
import { browserRigForSuite, CODE_CALLBACK_PATH, SPA_CLIENT, signInThroughForm } from './support.js';

/**
 * oidc-client-ts 3 signoutRedirect from a page on another origin: the library sends its
 * id_token_hint, post_logout_redirect_uri and state; the service ends the Easy Auth session (the
 * dev host's /.auth/logout), revokes the refresh token, and comes back to the app, where
 * signoutRedirectCallback finds its own state. The app's pages and UserManager are the code-flow
 * test's (test/browser/pages/ts-*.html): this file only drives them further.
 */

/** The app's start page doubles as its post-logout landing page. */
const SIGNED_OUT_PATH = '/ts/index.html';

describeWithBrowser('oidc-client-ts sign-out in Chromium', () => {
  const rig = browserRigForSuite();

  async function signIn(page: Page): Promise<void> {
    await seedSite(rig.dev.table, SITE_ID, {
      [postLogoutRedirectUriSettingName(SPA_CLIENT)]: `${rig.site.url}${SIGNED_OUT_PATH}`,
    });
    await page.goto(`${rig.site.url}/ts/index.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#sign-in');
    await signInThroughForm(page);
    await page.waitForURL((url) => url.href.startsWith(`${rig.site.url}${CODE_CALLBACK_PATH}`));
    await page.locator('#result[data-state="signed-in"]').waitFor({ state: 'attached' });
  }

  rig.pageTest(
    'signoutRedirect ends the session and the refresh token, and returns to the app with its state',
    async (page) => {
      await signIn(page);
      const refreshToken = (await page.evaluate('window.signedInUser.refresh_token')) as string;
      const logoutRequests: URL[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.endsWith('/oauth2/v1/logout')) logoutRequests.push(url);
      });

      // `userManager` is app.js's top-level binding: the library as the app set it up.
      // Not awaited in the page: the promise dies with the navigation it starts.
      await page.evaluate(`void userManager.signoutRedirect({
          post_logout_redirect_uri: ${JSON.stringify(`${rig.site.url}${SIGNED_OUT_PATH}`)},
          state: { returnTo: '/after-sign-out' },
        })`);
      await page.waitForURL((url) => url.href.startsWith(`${rig.site.url}${SIGNED_OUT_PATH}?`));
      const landed = new URL(page.url());
      const sent = logoutRequests[0];
      expect(sent?.searchParams.get('id_token_hint')).toEqual(expect.any(String));
      expect(sent?.searchParams.get('state')).toBe(landed.searchParams.get('state'));
      expect([...landed.searchParams.keys()]).toEqual(['state']);

      const response = (await page.evaluate(
        'userManager.signoutRedirectCallback().then((r) => ({ userState: r.userState, error: r.error }))',
      )) as { userState: unknown; error: unknown };
      expect(response).toEqual({ userState: { returnTo: '/after-sign-out' }, error: null });

      // The Easy Auth session is gone: a silent authorize gets login_required.
      const silent = await page.request.get(
        `${rig.issuer}/oauth2/v1/auth?${new URLSearchParams({
          client_id: SPA_CLIENT,
          redirect_uri: `${rig.site.url}${CODE_CALLBACK_PATH}`,
          response_type: 'code',
          scope: 'openid',
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
          prompt: 'none',
        })}`,
        { maxRedirects: 0 },
      );
      expect(new URL(silent.headers().location ?? '').searchParams.get('error')).toBe('login_required');
      // And the refresh token it held was revoked.
      const refresh = await fetch(`${rig.issuer}/oauth2/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: SPA_CLIENT,
        }),
      });
      expect(refresh.status).toBe(400);
    },
  );
});
