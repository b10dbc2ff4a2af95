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
    expect(returnTo.searchParams.has('prompt')).toBe(false);
    const authAfter = Number(returnTo.searchParams.get('auth_after'));
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

  it('coming back without a sign-in newer than auth_after is login_required, not another loop', async () => {
    const browser = await signedInBrowser(dev().url);
    const stale = String(epoch() + 3600);
    const response = await browser.fetch(authorizePath(oidcParams({ auth_after: stale })));
    const { fragment } = redirectParams(response.headers.get('location'));
    expect(fragment.get('error')).toBe('login_required');
    expect(fragment.get('state')).toBe('af0ifjsldkj');
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
