import { createHash, randomBytes } from 'node:crypto';
import { allowInsecureRequests, type Configuration, discovery } from 'openid-client';
import { afterAll, beforeAll, expect } from 'vitest';
import { authorizeSiteSettings, SPA, SPA_CALLBACK, signedInBrowser } from '../authorize/support.js';
import { type CookieJarClient, SITE_ID, startTestDevHost, type TestDevHost } from '../support/dev-host.js';

/** A second registered client with the same callback, for "another client's code/token" cases. */
export const OTHER = 'other-app';

/** The authorize site, with refresh tokens allowed for both SPAs and a 10-minute idle lifetime. */
export function codeSiteSettings(url: string): Record<string, string> {
  const base = authorizeSiteSettings(url);
  return {
    ...base,
    'ImplicitGrantFlow/RegisteredClientId': `${base['ImplicitGrantFlow/RegisteredClientId']};${OTHER}`,
    [`ImplicitGrantFlow/${OTHER}/RedirectUri`]: SPA_CALLBACK,
    [`ImplicitGrantFlow/${SPA}/AllowRefreshTokens`]: 'True',
    [`ImplicitGrantFlow/${OTHER}/AllowRefreshTokens`]: 'true',
    'ImplicitGrantFlow/RefreshTokenLifetime': '600',
  };
}

/** The dev host with the code site and a browser signed in as ALEX, for the file's tests. */
export function codeHostForFile(): { dev(): TestDevHost; browser(): CookieJarClient } {
  let dev: TestDevHost | undefined;
  let browser: CookieJarClient | undefined;
  beforeAll(async () => {
    dev = await startTestDevHost({ settings: codeSiteSettings });
    browser = await signedInBrowser(dev.url);
  });
  afterAll(async () => {
    await dev?.close();
  });
  return {
    dev: () => dev ?? expectStarted(),
    browser: () => browser ?? expectStarted(),
  };
}

function expectStarted(): never {
  throw new Error('the code-flow host has not started');
}

export const issuerOf = (baseUrl: string) => `${baseUrl}/${SITE_ID}`;
export const tokenUrl = (baseUrl: string) => `${issuerOf(baseUrl)}/oauth2/v1/token`;

/** openid-client for a public client (no secret) of the site, from discovery, as an RP sets up. */
export function codeClientConfig(baseUrl: string, clientId = SPA): Promise<Configuration> {
  return discovery(new URL(issuerOf(baseUrl)), clientId, undefined, undefined, {
    execute: [allowInsecureRequests],
  });
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

/** RFC 7636 4.1-4.2, computed here independently of the service's code. */
export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The authorization parameters of a code request of the SPA, PKCE included. */
export function codeParams(challenge: string, overrides: Record<string, string | undefined> = {}) {
  const params: Record<string, string | undefined> = {
    client_id: SPA,
    redirect_uri: SPA_CALLBACK,
    response_type: 'code',
    scope: 'openid profile email offline_access',
    nonce: 'n-code-1',
    state: 's-code-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
}

/** A signed-in browser's authorize request; returns the redirect's Location. */
export async function authorizeRedirect(
  browser: CookieJarClient,
  params: Record<string, string>,
): Promise<URL> {
  const response = await browser.fetch(`/${SITE_ID}/oauth2/v1/auth?${new URLSearchParams(params)}`);
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

/** A fresh code for the SPA (query response mode), with the verifier that redeems it. */
export async function freshCode(
  browser: CookieJarClient,
  overrides: Record<string, string | undefined> = {},
): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkce();
  const location = await authorizeRedirect(browser, codeParams(challenge, overrides));
  const code = location.searchParams.get('code');
  expect(code, `error=${location.searchParams.get('error')}`).toBeTruthy();
  return { code: code ?? '', verifier };
}

/** A raw token request, as a browser app's fetch sends it (form body, optional Origin). */
export function postToken(
  baseUrl: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(tokenUrl(baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

export function redeemFields(code: string, verifier: string, overrides: Record<string, string> = {}) {
  return {
    grant_type: 'authorization_code',
    code,
    redirect_uri: SPA_CALLBACK,
    client_id: SPA,
    code_verifier: verifier,
    ...overrides,
  };
}

export async function expectOAuthError(response: Response, error: string, status = 400): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(await response.json()).toMatchObject({ error });
}
