import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

/**
 * A real browser for the tests: Debian's `chromium` driven by playwright-core. Nothing is ever
 * downloaded (`npx playwright install` would, and fails offline): the system browser or no browser.
 */
export const CHROMIUM = '/usr/bin/chromium';

/** Per browser test: a sign-in round trip takes a second or two; the rest is headroom for slow CI. */
export const BROWSER_TEST_TIMEOUT = 60_000;

/**
 * Every wait in a page (navigation, selector, URL) gives up well before the test's own timeout,
 * so a stuck flow fails inside withPage, which then saves a screenshot and the page's log.
 */
const WAIT_TIMEOUT = 15_000;

/** Quiet, offline, reproducible: no sandbox (CI containers run as root), no background traffic. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const MISSING = `${CHROMIUM} is missing; install it with \`apt-get install -y chromium\` (Debian) to run the browser tests`;

/**
 * A describe block that needs Chromium. Without it the block is skipped with the reason printed,
 * unless REQUIRE_BROWSER=1 (CI installs the browser), where a missing browser is a failure.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
  } else if (process.env.REQUIRE_BROWSER === '1') {
    describe(name, () => {
      it('has Chromium (REQUIRE_BROWSER=1)', () => {
        throw new Error(`REQUIRE_BROWSER=1 but ${MISSING}`);
      });
    });
  } else {
    console.warn(`[browser tests skipped] ${name}: ${MISSING}`);
    describe.skipIf(true)(`${name} (skipped: ${MISSING})`, body);
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

let screenshotDir: Promise<string> | undefined;

async function saveScreenshot(page: Page, name: string): Promise<string> {
  screenshotDir ??= mkdtemp(path.join(tmpdir(), 'portal-sts-browser-'));
  const file = path.join(await screenshotDir, `${name.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 80)}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
    return file;
  } catch (error) {
    return `(no screenshot: ${(error as Error).message.split('\n')[0]})`;
  }
}

/**
 * Runs `body` with a page of a fresh context (no cookies, no storage: a new user). When it fails,
 * the page is photographed and its log (console, page errors, navigations) printed before the
 * error goes on; the context is closed either way.
 */
export async function withPage<T>(
  browser: Browser,
  name: string,
  body: (page: Page, context: BrowserContext) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext();
  context.setDefaultTimeout(WAIT_TIMEOUT);
  context.setDefaultNavigationTimeout(WAIT_TIMEOUT);
  const page = await context.newPage();
  const log: string[] = [];
  // Lines are cut short: URLs can carry whole tokens in their fragments.
  const note = (line: string) => log.push(line.length > 300 ? `${line.slice(0, 300)}...` : line);
  page.on('console', (message) => note(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => note(`pageerror: ${error.message}`));
  page.on('framenavigated', (frame) => {
    note(`navigated${frame === page.mainFrame() ? '' : ' (frame)'}: ${frame.url()}`);
  });
  try {
    return await body(page, context);
  } catch (error) {
    const file = await saveScreenshot(page, name);
    console.error(`[browser] "${name}" failed\nscreenshot: ${file}\n${log.join('\n')}`);
    throw error;
  } finally {
    await context.close();
  }
}
