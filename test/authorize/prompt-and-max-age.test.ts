import { implicitAuthentication } from 'openid-client';
import { describe, expect, it } from 'vitest';
import {
  authorizeHostForFile,
  authorizePath,
  epoch,
  oidcParams,
  redirectParams,
  SPA_CALLBACK,
  signedInBrowser,
  signIn,
  sleep,
  spaClientConfig,
} from './support.js';

/**
 * prompt and max_age over HTTP through the dev host: a forced sign-in goes to Easy Auth with
 * prompt=login and comes back with the auth_after marker; openid-client then checks auth_time
 * against max_age. The dev sign-in records the time to the second, hence the short waits.
 */

const { dev } = authorizeHostForFile();

describe('forcing a new sign-in', () => {
  async function forcedSignIn(extra: Record<string, string>) {
    const config = await spaClientConfig(dev().url);
    const browser = await signedInBrowser(dev().url);
    const firstSignIn = epoch();
    await sleep(1100);
    const response = await browser.fetch(authorizePath(oidcParams(extra)));
    expect(response.status).toBe(302);
    const location = response.headers.get('location') ?? '';
    const signInUrl = new URL(location, dev().url);
    expect(signInUrl.pathname).toBe('/.auth/login/dev');
    // prompt=login goes on to Easy Auth, which passes it to the identity provider.
    expect(signInUrl.searchParams.get('prompt')).toBe('login');
    const returnTo = new URL(signInUrl.searchParams.get('post_login_redirect_uri') ?? '', dev().url);
    // prompt stays: the signed marker, which the client cannot write, is what satisfies it.
    expect(returnTo.searchParams.get('prompt')).toBe(extra.prompt ?? null);
    const marker = returnTo.searchParams.get('auth_after') ?? '';
    expect(marker).toMatch(/^\d+\.[A-Za-z0-9_-]{86,700}$/);
    const authAfter = Number(marker.split('.')[0]);
    expect(authAfter).toBeGreaterThan(firstSignIn);

    const back = await signIn(browser, location);
    expect(back.status).toBe(302);
    const claims = await implicitAuthentication(
      config,
      new URL(back.headers.get('location') ?? ''),
      'n-0S6_WzA2Mj',
      {
        expectedState: 'af0ifjsldkj',
        ...(extra.max_age === undefined ? {} : { maxAge: Number(extra.max_age) }),
      },
    );
    expect(claims.auth_time).toBeGreaterThanOrEqual(authAfter);
    return browser;
  }

  it('prompt=login sends a signed-in user to sign in again, then succeeds with the new auth_time', async () => {
    await forcedSignIn({ prompt: 'login' });
  });

  it('max_age=0 does the same (the last sign-in is always too old)', async () => {
    await forcedSignIn({ max_age: '0' });
  });

  it('a recent enough sign-in satisfies max_age without a new one', async () => {
    const browser = await signedInBrowser(dev().url);
    const response = await browser.fetch(authorizePath(oidcParams({ max_age: '3600' })));
    expect(response.headers.get('location')?.startsWith(`${SPA_CALLBACK}#id_token=`)).toBe(true);
  });

  it('an auth_after the client writes is ignored: prompt=login and max_age=0 still force a sign-in', async () => {
    const browser = await signedInBrowser(dev().url);
    await sleep(1100);
    const now = String(epoch());
    const forged = `${now}.${'A'.repeat(43)}`;
    for (const extra of [
      { prompt: 'login', auth_after: '0' },
      { prompt: 'login', auth_after: now },
      { max_age: '0', auth_after: '1' },
      { max_age: '0', auth_after: now },
      { prompt: 'login', auth_after: forged },
    ]) {
      const response = await browser.fetch(authorizePath(oidcParams(extra)));
      expect(response.status, JSON.stringify(extra)).toBe(302);
      const location = new URL(response.headers.get('location') ?? '', dev().url);
      expect(location.pathname, JSON.stringify(extra)).toBe('/.auth/login/dev');
    }
  });

  it("a genuine marker of another request is ignored too (it signs the request's parameters)", async () => {
    const browser = await signedInBrowser(dev().url);
    await sleep(1100);
    const first = await browser.fetch(authorizePath(oidcParams({ prompt: 'login' })));
    const signInUrl = new URL(first.headers.get('location') ?? '', dev().url);
    const returnTo = new URL(signInUrl.searchParams.get('post_login_redirect_uri') ?? '', dev().url);
    const marker = returnTo.searchParams.get('auth_after') ?? '';
    // The genuine return URL, with the session that predates the marker by only a second:
    // accepted (within the tolerance), so the replay below is a fair test.
    const genuine = await browser.fetch(`${returnTo.pathname}${returnTo.search}`);
    expect(genuine.headers.get('location')?.startsWith(`${SPA_CALLBACK}#id_token=`)).toBe(true);
    const replayed = await browser.fetch(
      authorizePath(oidcParams({ prompt: 'login', state: 'another-state', auth_after: marker })),
    );
    expect(new URL(replayed.headers.get('location') ?? '', dev().url).pathname).toBe('/.auth/login/dev');
  });

  it('prompt=none with a sign-in older than max_age is login_required', async () => {
    const browser = await signedInBrowser(dev().url);
    await sleep(1100);
    const response = await browser.fetch(authorizePath(oidcParams({ prompt: 'none', max_age: '0' })));
    const { fragment } = redirectParams(response.headers.get('location'));
    expect(fragment.get('error')).toBe('login_required');
  });

  it('prompt=none when signed in: no interaction, tokens at once', async () => {
    const browser = await signedInBrowser(dev().url);
    const response = await browser.fetch(authorizePath(oidcParams({ prompt: 'none' })));
    const { fragment } = redirectParams(response.headers.get('location'));
    expect(fragment.has('id_token')).toBe(true);
  });
});
