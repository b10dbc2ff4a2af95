import { CLIENT_ID, REDIRECT_URI, SITE_ID } from '../fixtures/site.js';
import { CookieJar } from './cookie-jar.js';
import { isImplicitRedirect } from './load.js';

/** The implicit request both providers are measured on: an ID token with scope openid, a nonce and a state. */
export function authorizeQuery(): string {
  return new URLSearchParams({
    response_type: 'id_token',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'openid',
    nonce: 'bench-nonce-0001',
    state: 'bench-state-0001',
  }).toString();
}

export const DEV_AUTHORIZE_PATH = `/${SITE_ID}/oauth2/v1/auth?${authorizeQuery()}`;
export const DEV_TOKEN_PATH = `/_services/auth/token?client_id=${CLIENT_ID}&state=bench-state&nonce=bench-nonce`;
export const OIDC_PROVIDER_AUTHORIZE_PATH = `/auth?${authorizeQuery()}`;

function expectStatus(response: Response, statuses: number[], step: string): string {
  if (!statuses.includes(response.status)) throw new Error(`${step}: HTTP ${response.status}`);
  return response.headers.get('location') ?? '';
}

/** Signs in through the dev host's Easy Auth form, as a person would; returns the session cookie. */
export async function devHostSession(origin: string): Promise<string> {
  const jar = new CookieJar(origin);
  const form = new URLSearchParams({
    userId: 'ada-0001',
    userDetails: 'ada@contoso.com',
    email: 'ada@contoso.com',
    given_name: 'Ada',
    family_name: 'Lovelace',
    post_login_redirect_uri: '/',
  });
  const response = await jar.fetch('/.auth/login/dev', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: form,
  });
  expectStatus(response, [303], 'dev sign-in');
  await checkImplicit(jar, DEV_AUTHORIZE_PATH, 'dev host authorize');
  return jar.header();
}

/**
 * Drives oidc-provider's login interaction once: /auth sends the browser to the interaction,
 * which the child answers with a login and a grant, then back to /auth, which answers with the
 * token. The session cookies make every later /auth answer at once.
 */
export async function oidcProviderSession(origin: string): Promise<string> {
  const jar = new CookieJar(origin);
  const toInteraction = expectStatus(
    await jar.fetch(OIDC_PROVIDER_AUTHORIZE_PATH),
    [302, 303],
    'oidc-provider /auth',
  );
  const resume = expectStatus(await jar.fetch(toInteraction), [303], 'oidc-provider interaction');
  const done = await jar.fetch(resume);
  if (!isImplicitRedirect(done.status, Object.fromEntries(done.headers))) {
    throw new Error(`oidc-provider did not answer with a token after the login: HTTP ${done.status}`);
  }
  await checkImplicit(jar, OIDC_PROVIDER_AUTHORIZE_PATH, 'oidc-provider authorize');
  return jar.header();
}

/** The signed-in browser's authorize request answers with a token at once, before load is sent. */
async function checkImplicit(jar: CookieJar, path: string, what: string): Promise<void> {
  const response = await jar.fetch(path);
  if (!isImplicitRedirect(response.status, Object.fromEntries(response.headers))) {
    throw new Error(`${what}: expected a redirect with an ID token, got HTTP ${response.status}`);
  }
}
