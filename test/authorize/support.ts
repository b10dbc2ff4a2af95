export { ALEX } from '../support/dev-host.js';

import { createHash } from 'node:crypto';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { allowInsecureRequests, type Configuration, discovery, useIdTokenResponseType } from 'openid-client';
import { afterAll, beforeAll, expect } from 'vitest';
import { demoSiteSettings } from '../../dev/demo-site.js';
import {
  ALEX,
  CookieJarClient,
  SITE_ID,
  type SignInFields,
  startTestDevHost,
  type TestDevHost,
} from '../support/dev-host.js';

/** The SPA the tests play: registered with an https callback, a loopback one and one with a query. */
export const SPA = 'spa-app';
export const SPA_CALLBACK = 'https://spa.contoso.example/callback';
export const SPA_LOOPBACK = 'http://127.0.0.1:5173/cb';
export const SPA_WITH_QUERY = 'https://spa.contoso.example/cb?tenant=1';
/** Registered, but plain http on a public host: must be refused anyway. */
export const INSECURE_APP = 'insecure-app';
export const INSECURE_CALLBACK = 'http://spa.contoso.example/callback';
export const LIFETIME = 600;

export function authorizeSiteSettings(url: string): Record<string, string> {
  return {
    ...demoSiteSettings(url),
    'ImplicitGrantFlow/RegisteredClientId': `demo-app;${SPA};${INSECURE_APP}`,
    [`ImplicitGrantFlow/${SPA}/RedirectUri`]: `${SPA_CALLBACK};${SPA_LOOPBACK};${SPA_WITH_QUERY}`,
    [`ImplicitGrantFlow/${INSECURE_APP}/RedirectUri`]: INSECURE_CALLBACK,
    'ImplicitGrantFlow/TokenExpirationTime': String(LIFETIME),
  };
}

export function startAuthorizeHost() {
  return startTestDevHost({ settings: authorizeSiteSettings });
}

/**
 * The dev host with the authorize site, started before the file's tests and closed after them;
 * with `signedIn`, also a browser signed in as ALEX (the strongest case: a redirect would carry
 * tokens). Call at the top of a file; the accessors answer once the host has started.
 */
export function authorizeHostForFile(options: { signedIn?: boolean } = {}): {
  dev(): TestDevHost;
  browser(): CookieJarClient;
} {
  let dev: TestDevHost | undefined;
  let browser: CookieJarClient | undefined;

  beforeAll(async () => {
    dev = await startAuthorizeHost();
    if (options.signedIn) browser = await signedInBrowser(dev.url);
  });

  afterAll(async () => {
    await dev?.close();
  });

  return {
    dev() {
      if (!dev) throw new Error('the authorize host has not started');
      return dev;
    },
    browser() {
      if (!browser) throw new Error('no signed-in browser (started with signedIn: true?)');
      return browser;
    },
  };
}

export function authorizePath(params: Record<string, string>, tenant = SITE_ID): string {
  return `/${tenant}/oauth2/v1/auth?${new URLSearchParams(params)}`;
}

/** The parameters of a typical OpenID Connect implicit request of the SPA. */
export function oidcParams(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const params: Record<string, string | undefined> = {
    client_id: SPA,
    redirect_uri: SPA_CALLBACK,
    response_type: 'id_token',
    scope: 'openid profile email',
    nonce: 'n-0S6_WzA2Mj',
    state: 'af0ifjsldkj',
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Signs in through the dev host's Easy Auth form and follows its redirect back, as a browser does. */
export async function signIn(browser: CookieJarClient, signInLocation: string, fields = ALEX) {
  const url = new URL(signInLocation, browser.baseUrl);
  expect(url.pathname).toBe('/.auth/login/dev');
  const returnTo = url.searchParams.get('post_login_redirect_uri') ?? '';
  expect((await browser.fetch(`${url.pathname}${url.search}`)).status).toBe(200);
  const signedIn = await browser.signIn({ ...fields, post_login_redirect_uri: returnTo });
  expect(signedIn.status).toBe(303);
  expect(signedIn.headers.get('location')).toBe(returnTo);
  return browser.fetch(returnTo);
}

/** A browser already signed in as `fields`. */
export async function signedInBrowser(
  baseUrl: string,
  fields: SignInFields = ALEX,
): Promise<CookieJarClient> {
  const browser = new CookieJarClient(baseUrl);
  const response = await browser.signIn({ ...fields, post_login_redirect_uri: '/' });
  expect(response.status).toBe(303);
  return browser;
}

export function issuerOf(baseUrl: string): string {
  return `${baseUrl}/${SITE_ID}`;
}

/**
 * An openid-client configuration for the SPA from the site's discovery document and JWKS, as a
 * relying party sets itself up (plain http is allowed: the dev host serves http on localhost).
 */
export async function spaClientConfig(baseUrl: string, clientId = SPA): Promise<Configuration> {
  const config = await discovery(new URL(issuerOf(baseUrl)), clientId, undefined, undefined, {
    execute: [allowInsecureRequests],
  });
  useIdTokenResponseType(config);
  return config;
}

/** The site's JWKS, fetched from its published jwks_uri. */
export async function siteJwks(baseUrl: string): Promise<JSONWebKeySet> {
  const config = await spaClientConfig(baseUrl);
  const jwksUri = config.serverMetadata().jwks_uri ?? '';
  return (await (await fetch(jwksUri)).json()) as JSONWebKeySet;
}

export async function verifyJwt(baseUrl: string, token: string) {
  return jwtVerify(token, createLocalJWKSet(await siteJwks(baseUrl)));
}

/** OIDC Core 3.2.2.9, computed independently of the service's own at_hash code. */
export function expectedAtHash(accessToken: string): string {
  const digest = createHash('sha256').update(Buffer.from(accessToken, 'ascii')).digest();
  return digest.subarray(0, 16).toString('base64url');
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The form of a form_post page, as a browser would submit it. */
export function parseFormPost(html: string): { action: string; fields: Array<[string, string]> } {
  const forms = [...html.matchAll(/<form method="post" action="([^"]*)">/g)];
  expect(forms).toHaveLength(1);
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(
    (match): [string, string] => [decodeEntities(match[1] ?? ''), decodeEntities(match[2] ?? '')],
  );
  return { action: decodeEntities(forms[0]?.[1] ?? ''), fields };
}

/** What the browser would POST to the client for a form_post page. */
export function formPostRequest(html: string): Request {
  const { action, fields } = parseFormPost(html);
  return new Request(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The parameters of an authorization response redirect: fragment, and the query kept separate. */
export function redirectParams(location: string | null): { url: URL; fragment: URLSearchParams } {
  expect(location).toBeTruthy();
  const url = new URL(location ?? '');
  return { url, fragment: new URLSearchParams(url.hash.slice(1)) };
}

export const epoch = () => Math.floor(Date.now() / 1000);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
