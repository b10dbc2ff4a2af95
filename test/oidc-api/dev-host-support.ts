export { ALEX } from '../support/dev-host.js';

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { main } from '../../cli/main.js';
import { ALEX, CookieJarClient, startTestDevHost } from '../support/dev-host.js';

const FUNCTIONS = fileURLToPath(new URL('../../functions/', import.meta.url));

/** Only this API's function modules: the dev host serves exactly the routes under test. */
export const OIDC_API_MODULES = ['publickey.ts', 'token.ts', 'verify.ts'].map((name) =>
  path.join(FUNCTIONS, name),
);

export function startOidcDevHost() {
  return startTestDevHost({ functionModules: OIDC_API_MODULES });
}

export async function signedInBrowser(url: string): Promise<CookieJarClient> {
  const browser = new CookieJarClient(url);
  expect((await browser.signIn({ ...ALEX, post_login_redirect_uri: '/' })).status).toBe(303);
  return browser;
}

/** Runs the admin CLI in-process, as `npx portal-sts ...` would, with a chosen clock. */
export async function portalSts(argv: string[], now = new Date()): Promise<Record<string, unknown>> {
  let stdout = '';
  let stderr = '';
  const code = await main([...argv, '--json'], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    now: () => now,
    env: {},
    cwd: process.cwd(),
  });
  expect(code, `portal-sts ${argv.slice(0, 2).join(' ')}: ${stderr}`).toBe(0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** `--connection-string` and `--table` of the dev host's settings table, as the README's local run shows. */
export function tableFlags(): string[] {
  return [
    '--connection-string',
    process.env.SITE_SETTINGS_CONNECTION_STRING ?? '',
    '--table',
    process.env.SITE_SETTINGS_TABLE_NAME ?? '',
  ];
}
