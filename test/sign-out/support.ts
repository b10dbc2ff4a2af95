import { afterAll, beforeAll, expect } from 'vitest';
import { SPA, signedInBrowser } from '../authorize/support.js';
import { codeParams, codeSiteSettings, OTHER, pkce, redeemFields } from '../code-flow/support.js';
import { type CookieJarClient, SITE_ID, startTestDevHost, type TestDevHost } from '../support/dev-host.js';
import { seedSite } from '../support/settings-fixture.js';

/** Where the SPA may land after sign-out: a plain URI and one with a query of its own. */
export const SIGNED_OUT = 'https://spa.contoso.example/signed-out';
export const SIGNED_OUT_WITH_QUERY = 'https://spa.contoso.example/bye?from=sts';
/** Registered, but plain http on a public host: dropped when the settings load. */
export const INSECURE_SIGNED_OUT = 'http://spa.contoso.example/signed-out';
/** A second site on the same host, signing with the same default certificate. */
export const OTHER_SITE = 'fabrikam';

export function signOutSiteSettings(url: string): Record<string, string> {
  return {
    ...codeSiteSettings(url),
    [`ImplicitGrantFlow/${SPA}/PostLogoutRedirectUri`]: `${SIGNED_OUT};${SIGNED_OUT_WITH_QUERY};${INSECURE_SIGNED_OUT}`,
    [`ImplicitGrantFlow/${OTHER}/PostLogoutRedirectUri`]: 'https://other.contoso.example/out',
  };
}

/** The dev host with the sign-out site (and the other site), for the file's tests. */
export function signOutHostForFile(): { dev(): TestDevHost } {
  let dev: TestDevHost | undefined;
  beforeAll(async () => {
    dev = await startTestDevHost({ settings: signOutSiteSettings });
    await seedSite(dev.table, OTHER_SITE, signOutSiteSettings(dev.url));
  });
  afterAll(async () => {
    await dev?.close();
  });
  return {
    dev: () => {
      if (!dev) throw new Error('the sign-out host has not started');
      return dev;
    },
  };
}

export interface CodeTokens {
  id_token: string;
  access_token: string;
  refresh_token: string;
}

/** Tokens of a code flow sign-in at `site` (offline_access: with a refresh token). */
export async function signInTokens(
  browser: CookieJarClient,
  baseUrl: string,
  site = SITE_ID,
  clientId = SPA,
): Promise<CodeTokens> {
  const { verifier, challenge } = pkce();
  const query = new URLSearchParams(codeParams(challenge, { client_id: clientId }));
  const authorized = await browser.fetch(`/${site}/oauth2/v1/auth?${query}`);
  const code = new URL(authorized.headers.get('location') ?? '').searchParams.get('code');
  expect(code).toBeTruthy();
  const response = await postForm(
    `${baseUrl}/${site}/oauth2/v1/token`,
    redeemFields(code ?? '', verifier, { client_id: clientId }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as CodeTokens;
}

export { signedInBrowser };

/** A form POST as a browser app's fetch sends it. */
export function postForm(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

export function logoutPath(params: Record<string, string>, site = SITE_ID): string {
  return `/${site}/oauth2/v1/logout?${new URLSearchParams(params)}`;
}

export function refreshFields(refreshToken: string, clientId = SPA): Record<string, string> {
  return { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId };
}

/** A page, never a redirect: the PortalSTS id is on it and no Location header is sent. */
export async function expectSignOutPage(response: Response, id: string, status = 400): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('location')).toBeNull();
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(await response.text()).toContain(id);
}
