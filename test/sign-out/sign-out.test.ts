import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { SPA, SPA_CALLBACK } from '../authorize/support.js';
import { codeParams, OTHER, pkce } from '../code-flow/support.js';
import { SITE_ID } from '../support/dev-host.js';
import {
  expectSignOutPage,
  INSECURE_SIGNED_OUT,
  logoutPath,
  OTHER_SITE,
  postForm,
  refreshFields,
  SIGNED_OUT,
  SIGNED_OUT_WITH_QUERY,
  signedInBrowser,
  signInTokens,
  signOutHostForFile,
} from './support.js';

/**
 * RP-initiated sign-out through the dev host: the Easy Auth session ends (the dev host's
 * /.auth/logout), the user's refresh tokens at the client are revoked, and the browser comes back
 * to the registered URI with the state, by way of the signed continuation. Every refused request
 * is a page: nothing is signed out and nothing is redirected to.
 */

const { dev } = signOutHostForFile();
const tokenUrl = () => `${dev().url}/${SITE_ID}/oauth2/v1/token`;

async function promptNone(browser: Awaited<ReturnType<typeof signedInBrowser>>): Promise<URL> {
  const params = codeParams(pkce().challenge, { prompt: 'none' });
  const response = await browser.fetch(`/${SITE_ID}/oauth2/v1/auth?${new URLSearchParams(params)}`);
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

describe('GET|POST /{site}/oauth2/v1/logout', () => {
  it('signs out of Easy Auth, revokes the refresh tokens, and returns to the app with its state', async () => {
    const browser = await signedInBrowser(dev().url);
    const tokens = await signInTokens(browser, dev().url);
    const start = await browser.fetch(
      logoutPath({
        id_token_hint: tokens.id_token,
        post_logout_redirect_uri: SIGNED_OUT,
        state: 'st-logout-1',
      }),
    );
    expect(start.status).toBe(302);
    const logout = new URL(start.headers.get('location') ?? '', dev().url);
    expect(logout.origin).toBe(dev().url);
    expect(logout.pathname).toBe('/.auth/logout');
    const returnTo = logout.searchParams.get('post_logout_redirect_uri') ?? '';
    // Easy Auth is sent back to this host only, with a signed continuation, not the client's URI.
    expect(returnTo).toMatch(
      /^\/contoso\/oauth2\/v1\/logout\/complete\?continuation=[\w-]+\.[\w-]+\.[\w-]+$/,
    );
    expect(returnTo).not.toContain('spa.contoso.example');

    const easyAuth = await browser.fetch(`${logout.pathname}${logout.search}`);
    expect(easyAuth.status).toBe(302);
    expect(easyAuth.headers.get('location')).toBe(returnTo);
    expect(browser.cookies.size).toBe(0);

    const complete = await browser.fetch(returnTo);
    expect(complete.status).toBe(302);
    expect(complete.headers.get('location')).toBe(`${SIGNED_OUT}?state=st-logout-1`);
    expect(complete.headers.get('cache-control')).toBe('no-store');

    const refresh = await postForm(tokenUrl(), refreshFields(tokens.refresh_token));
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    const after = await promptNone(browser);
    expect(after.searchParams.get('error')).toBe('login_required');
    expect(after.searchParams.get('state')).toBe('s-code-1');
  });

  it('takes POST, client_id without a hint, and keeps the registered query', async () => {
    const browser = await signedInBrowser(dev().url);
    const tokens = await signInTokens(browser, dev().url);
    const other = await signInTokens(browser, dev().url, SITE_ID, OTHER);
    const start = await browser.fetch(`/${SITE_ID}/oauth2/v1/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: SPA,
        post_logout_redirect_uri: SIGNED_OUT_WITH_QUERY,
        state: 'a b&c',
      }),
    });
    expect(start.status).toBe(303);
    const logout = new URL(start.headers.get('location') ?? '', dev().url);
    const easyAuth = await browser.fetch(`${logout.pathname}${logout.search}`);
    const complete = await browser.fetch(easyAuth.headers.get('location') ?? '');
    expect(complete.headers.get('location')).toBe(`${SIGNED_OUT_WITH_QUERY}&state=a%20b%26c`);
    // The SPA's refresh tokens are gone; the other client's are not (only that client signed out).
    expect((await postForm(tokenUrl(), refreshFields(tokens.refresh_token))).status).toBe(400);
    expect((await postForm(tokenUrl(), refreshFields(other.refresh_token, OTHER))).status).toBe(200);
  });

  it("without post_logout_redirect_uri ends at Easy Auth's own signed-out page", async () => {
    const browser = await signedInBrowser(dev().url);
    const start = await browser.fetch(logoutPath({ client_id: SPA }));
    expect(start.status).toBe(302);
    expect(start.headers.get('location')).toBe('/.auth/logout');
  });

  it('refuses an unregistered post_logout_redirect_uri with a page, and signs nobody out', async () => {
    const browser = await signedInBrowser(dev().url);
    const tokens = await signInTokens(browser, dev().url);
    for (const uri of ['https://evil.example/out', `${SIGNED_OUT}/`, INSECURE_SIGNED_OUT, SPA_CALLBACK]) {
      const response = await browser.fetch(
        logoutPath({ id_token_hint: tokens.id_token, post_logout_redirect_uri: uri, state: 'x' }),
      );
      await expectSignOutPage(response, 'PortalSTS0023');
    }
    // Another client's registered URI is not this client's.
    await expectSignOutPage(
      await browser.fetch(
        logoutPath({ client_id: SPA, post_logout_redirect_uri: 'https://other.contoso.example/out' }),
      ),
      'PortalSTS0023',
    );
    await expectSignOutPage(
      await browser.fetch(logoutPath({ post_logout_redirect_uri: SIGNED_OUT })),
      'PortalSTS0021',
    );
    expect((await promptNone(browser)).searchParams.get('code')).toBeTruthy();
    expect((await postForm(tokenUrl(), refreshFields(tokens.refresh_token))).status).toBe(200);
  });

  it('refuses a hint of another site (same certificate), a forged one, or one for another client', async () => {
    const browser = await signedInBrowser(dev().url);
    const own = await signInTokens(browser, dev().url);
    const foreign = await signInTokens(browser, dev().url, OTHER_SITE);
    expect(decodeJwt(foreign.id_token).iss).toBe(`${dev().url}/${OTHER_SITE}`);
    expect(decodeProtectedHeader(foreign.id_token).kid).toBe(decodeProtectedHeader(own.id_token).kid);

    const [header = '', payload = '', signature = ''] = own.id_token.split('.');
    const claims = decodeJwt(own.id_token);
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${signature}`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const selfSigned = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: decodeProtectedHeader(own.id_token).kid ?? '' })
      .sign(privateKey);
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    const cases: Array<[string, Record<string, string>]> = [
      ['another site', { id_token_hint: foreign.id_token }],
      ['tampered', { id_token_hint: tampered }],
      ['another key', { id_token_hint: selfSigned }],
      ['alg none', { id_token_hint: unsigned }],
      ['an access token', { id_token_hint: own.access_token }],
      ['garbage', { id_token_hint: 'not.a.token' }],
      ['another client', { id_token_hint: own.id_token, client_id: OTHER }],
    ];
    for (const [why, params] of cases) {
      const response = await browser.fetch(logoutPath({ ...params, post_logout_redirect_uri: SIGNED_OUT }));
      await expectSignOutPage(response, 'PortalSTS0024').catch((error: unknown) => {
        throw new Error(`${why}: ${String(error)}`);
      });
    }
    expect((await promptNone(browser)).searchParams.get('code')).toBeTruthy();
    expect((await postForm(tokenUrl(), refreshFields(own.refresh_token))).status).toBe(200);
  });
});

describe('GET /{site}/oauth2/v1/logout/complete', () => {
  it('follows only a continuation this site signed', async () => {
    const browser = await signedInBrowser(dev().url);
    const start = await browser.fetch(logoutPath({ client_id: SPA, post_logout_redirect_uri: SIGNED_OUT }));
    const logout = new URL(start.headers.get('location') ?? '', dev().url);
    const returnTo = logout.searchParams.get('post_logout_redirect_uri') ?? '';
    const continuation = new URL(returnTo, dev().url).searchParams.get('continuation') ?? '';
    const tokens = await signInTokens(await signedInBrowser(dev().url), dev().url);
    const [header = '', , signature = ''] = continuation.split('.');
    const swapped = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(continuation), post_logout_redirect_uri: 'https://evil.example/' })).toString('base64url')}.${signature}`;
    const complete = (value: string, site = SITE_ID) =>
      fetch(`${dev().url}/${site}/oauth2/v1/logout/complete?continuation=${encodeURIComponent(value)}`, {
        redirect: 'manual',
      });
    for (const value of [swapped, tokens.id_token, tokens.access_token, 'x']) {
      await expectSignOutPage(await complete(value), 'PortalSTS0017');
    }
    // Another site's complete step does not take it (its issuer and audience are this site's).
    await expectSignOutPage(await complete(continuation, OTHER_SITE), 'PortalSTS0017');
    await expectSignOutPage(
      await fetch(`${dev().url}/${SITE_ID}/oauth2/v1/logout/complete`, { redirect: 'manual' }),
      'PortalSTS0017',
    );
    const followed = await complete(continuation);
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toBe(SIGNED_OUT);
  });
});
