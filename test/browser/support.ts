export { ALEX } from '../support/dev-host.js';

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoSiteSettings } from '../../dev/demo-site.js';
import {
  allowRefreshTokensSettingName,
  redirectUriSettingName,
  SETTING,
} from '../../shared/settings/setting-names.js';
import { BROWSER_TEST_TIMEOUT, launchBrowser, withPage } from '../support/browser.js';
import { ALEX, SITE_ID, type SignInFields, startTestDevHost, type TestDevHost } from '../support/dev-host.js';
import { type StaticRoute, type StaticSite, startStaticSite } from './static-site.js';

/** The single-page app the browser tests play, registered for the seeded site. */
export const SPA_CLIENT = 'browser-spa';
export const OIDC_CALLBACK_PATH = '/oidc/callback.html';
export const FORM_POST_CALLBACK_PATH = '/form-post/callback';
/** oidc-client-ts's callback (code flow): a third registered redirect URI of the SPA. */
export const CODE_CALLBACK_PATH = '/ts/callback.html';

const file = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** The relying party's pages; config.js is written per request, once the dev host's URL is known. */
function siteRoutes(config: () => Record<string, string>): Map<string, StaticRoute> {
  const html = 'text/html; charset=utf-8';
  const js = 'text/javascript; charset=utf-8';
  const read = (relative: string) => () => readFile(file(relative));
  return new Map<string, StaticRoute>([
    ['/oidc/index.html', { type: html, body: read('pages/oidc-index.html') }],
    [OIDC_CALLBACK_PATH, { type: html, body: read('pages/oidc-callback.html') }],
    ['/oidc/app.js', { type: js, body: read('pages/oidc-app.js') }],
    ['/form-post/start.html', { type: html, body: read('pages/form-post.html') }],
    ['/form-post/app.js', { type: js, body: read('pages/form-post-app.js') }],
    ['/ts/index.html', { type: html, body: read('pages/ts-index.html') }],
    [CODE_CALLBACK_PATH, { type: html, body: read('pages/ts-callback.html') }],
    ['/ts/app.js', { type: js, body: read('pages/ts-app.js') }],
    [
      '/vendor/oidc-client-ts.min.js',
      { type: js, body: read('../../node_modules/oidc-client-ts/dist/browser/oidc-client-ts.min.js') },
    ],
    ['/frames.html', { type: html, body: read('pages/frames.html') }],
    ['/frames.js', { type: js, body: read('pages/frames.js') }],
    [
      '/vendor/oidc-client.min.js',
      { type: js, body: read('../../node_modules/oidc-client/dist/oidc-client.min.js') },
    ],
    ['/config.js', { type: js, body: () => `window.PORTAL_STS = ${JSON.stringify(config())};\n` }],
  ]);
}

/**
 * The demo site's settings plus the SPA, whose two callbacks on the static origin are its
 * registered redirect URIs: that also makes the origin a credentialed CORS origin of the site.
 */
function browserSiteSettings(devUrl: string, siteUrl: string): Record<string, string> {
  const demo = demoSiteSettings(devUrl);
  return {
    ...demo,
    [SETTING.registeredClientId]: `${demo[SETTING.registeredClientId]};${SPA_CLIENT}`,
    [redirectUriSettingName(SPA_CLIENT)]:
      `${siteUrl}${OIDC_CALLBACK_PATH};${siteUrl}${FORM_POST_CALLBACK_PATH};${siteUrl}${CODE_CALLBACK_PATH}`,
    [allowRefreshTokensSettingName(SPA_CLIENT)]: 'True',
  };
}

export interface BrowserRig {
  dev: TestDevHost;
  site: StaticSite;
  browser: Browser;
  /** The site's OIDC issuer on the dev host. */
  issuer: string;
  /** The site's JWKS, fetched from the dev host as an API would. */
  jwks: JWTVerifyGetKey;
  withPage<T>(name: string, body: (page: Page, context: BrowserContext) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** One per test file: the static site, the dev host (which knows the site's URL), one browser. */
export async function startBrowserRig(): Promise<BrowserRig> {
  let config: Record<string, string> = {};
  const site = await startStaticSite(
    siteRoutes(() => config),
    new Set([FORM_POST_CALLBACK_PATH]),
  );
  let dev: TestDevHost;
  try {
    dev = await startTestDevHost({ settings: (url) => browserSiteSettings(url, site.url) });
  } catch (error) {
    await site.close();
    throw error;
  }
  const issuer = `${dev.url}/${SITE_ID}`;
  config = {
    authority: issuer,
    clientId: SPA_CLIENT,
    oidcRedirectUri: `${site.url}${OIDC_CALLBACK_PATH}`,
    formPostRedirectUri: `${site.url}${FORM_POST_CALLBACK_PATH}`,
    codeRedirectUri: `${site.url}${CODE_CALLBACK_PATH}`,
  };
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await Promise.all([dev.close(), site.close()]);
    throw error;
  }
  return {
    dev,
    site,
    browser,
    issuer,
    jwks: createRemoteJWKSet(new URL(`${issuer}/oauth2/v1/keys`)),
    withPage: (name, body) => withPage(browser, name, body),
    async close() {
      try {
        await browser.close();
      } finally {
        await Promise.all([dev.close(), site.close()]);
      }
    },
  };
}

export interface SuiteRig extends Omit<BrowserRig, 'close'> {
  /**
   * One browser test: `it` with the browser timeout, its body run in a fresh page (withPage) that
   * is named after the test in the screenshot and log of a failure.
   */
  pageTest(title: string, body: (page: Page, context: BrowserContext) => Promise<unknown>): void;
}

/**
 * The rig of a describe block: started before its tests and closed after them. Call it in the
 * describe body; what it returns reads the started rig, so tests use it as a BrowserRig.
 */
export function browserRigForSuite(): SuiteRig {
  let rig: BrowserRig | undefined;
  beforeAll(async () => {
    rig = await startBrowserRig();
  });
  afterAll(async () => {
    await rig?.close();
  });
  const started = () => {
    if (!rig) throw new Error('the browser rig has not started');
    return rig;
  };
  return {
    get dev() {
      return started().dev;
    },
    get site() {
      return started().site;
    },
    get browser() {
      return started().browser;
    },
    get issuer() {
      return started().issuer;
    },
    get jwks() {
      return started().jwks;
    },
    withPage: (name, body) => started().withPage(name, body),
    pageTest(title, body) {
      it(title, { timeout: BROWSER_TEST_TIMEOUT }, () => started().withPage(title, body));
    },
  };
}

/** The relying party's form_post flow in a page: its callback URL, its start, what reaches it. */
export function formPostClient(page: Page, siteUrl: string) {
  const callback = `${siteUrl}${FORM_POST_CALLBACK_PATH}`;
  return {
    callback,
    /** The next POST the callback answers: call it before the step that leads there. */
    nextPost: () =>
      page.waitForResponse(
        (response) => response.url() === callback && response.request().method() === 'POST',
      ),
    /** Opens the start page with these query parameters and clicks its authorize button. */
    async authorize(params: Record<string, string>): Promise<void> {
      await page.goto(`${siteUrl}/form-post/start.html?${new URLSearchParams(params)}`);
      await page.click('#authorize');
    },
  };
}

const isSignInForm = (url: URL) => url.pathname === '/.auth/login/dev';

/**
 * Fills in and submits the dev host's sign-in form, as a user would, once the browser shows it,
 * and waits until the browser has left it. A CSP block of the redirects after the POST (a
 * `form-action` directive on the form, which Chromium applies to every hop) fails at once.
 */
export async function signInThroughForm(page: Page, fields: SignInFields = ALEX): Promise<void> {
  await page.waitForURL(isSignInForm);
  expect(await page.title()).toBe('Sign in (dev)');
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) await page.fill(`form input[name="${name}"]`, value);
  }
  // The loser of the race rejects later (timeout, or the context closing): that is expected.
  const left = page.waitForURL((url) => !isSignInForm(url)).then(() => 'left' as const);
  const blocked = page
    .waitForEvent('console', { predicate: (message) => message.text().includes('form-action') })
    .then(() => 'blocked' as const);
  left.catch(() => undefined);
  blocked.catch(() => undefined);
  await page.click('form button[type="submit"]');
  if ((await Promise.race([left, blocked])) === 'blocked') {
    throw new Error("the sign-in form's CSP form-action blocked the redirect back to the app");
  }
}

/** Signs in on the dev host itself (the portal), coming back to its demo page: a session exists. */
export async function signInOnPortal(page: Page, devUrl: string, fields: SignInFields = ALEX): Promise<void> {
  await page.goto(`${devUrl}/.auth/login/dev?post_login_redirect_uri=/`);
  await signInThroughForm(page, fields);
  expect(new URL(page.url()).pathname).toBe('/');
}

/** Every console message of a page, for the CSP violations Chromium reports there. */
export function consoleMessages(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (message) => messages.push(message.text()));
  return messages;
}
