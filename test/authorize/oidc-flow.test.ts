import { decodeProtectedHeader } from 'jose';
import { buildAuthorizationUrl, implicitAuthentication } from 'openid-client';
import { describe, expect, it } from 'vitest';
import { CookieJarClient } from '../support/dev-host.js';
import {
  ALEX,
  authorizeHostForFile,
  authorizePath,
  epoch,
  expectedAtHash,
  formPostRequest,
  issuerOf,
  LIFETIME,
  oidcParams,
  redirectParams,
  SPA,
  SPA_CALLBACK,
  SPA_LOOPBACK,
  SPA_WITH_QUERY,
  signedInBrowser,
  signIn,
  spaClientConfig,
  verifyJwt,
} from './support.js';

/**
 * The OpenID Connect implicit flow over HTTP through the dev host, validated by openid-client as a
 * relying party would: signature (JWKS), iss, aud, exp, nonce, state, the RFC 9207 iss parameter,
 * and max_age against auth_time.
 */

const { dev } = authorizeHostForFile();

describe('response_type=id_token, fragment', () => {
  it('an anonymous browser signs in, comes back, and gets an ID token openid-client accepts', async () => {
    const config = await spaClientConfig(dev().url);
    const nonce = 'nonce-fragment-1';
    const state = 'state-fragment-1';
    const url = buildAuthorizationUrl(config, {
      redirect_uri: SPA_CALLBACK,
      scope: 'openid profile email phone',
      nonce,
      state,
    });
    expect(url.searchParams.get('response_type')).toBe('id_token');

    const browser = new CookieJarClient(dev().url);
    const challenge = await browser.fetch(`${url.pathname}${url.search}`);
    expect(challenge.status).toBe(302);
    const signInLocation = challenge.headers.get('location') ?? '';
    const returnTo = new URL(signInLocation, dev().url).searchParams.get('post_login_redirect_uri');
    expect(returnTo).toBe(`${url.pathname}${url.search.replaceAll('%20', '+')}`);

    const before = epoch();
    const response = await signIn(browser, signInLocation);
    const after = epoch();
    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const location = response.headers.get('location') ?? '';
    const { url: callback, fragment } = redirectParams(location);
    expect(`${callback.origin}${callback.pathname}`).toBe(SPA_CALLBACK);
    expect(callback.search).toBe('');
    expect([...fragment.keys()].sort()).toEqual(['id_token', 'iss', 'state']);

    const claims = await implicitAuthentication(config, new URL(location), nonce, { expectedState: state });
    expect(claims).toMatchObject({
      iss: issuerOf(dev().url),
      sub: ALEX.userId,
      aud: SPA,
      nonce,
      name: 'Alex Wilber',
      given_name: 'Alex',
      family_name: 'Wilber',
      preferred_username: ALEX.userDetails,
      email: ALEX.email,
      phone_number: ALEX.phone_number,
    });
    expect(claims.auth_time).toBeGreaterThanOrEqual(before);
    expect(claims.auth_time).toBeLessThanOrEqual(after);
    expect(claims.exp - claims.iat).toBe(LIFETIME);
    expect(claims.at_hash).toBeUndefined();
  });

  it('releases only the claims of the scopes asked for', async () => {
    const config = await spaClientConfig(dev().url);
    const browser = await signedInBrowser(dev().url);
    const url = buildAuthorizationUrl(config, { redirect_uri: SPA_CALLBACK, scope: 'openid', nonce: 'n1' });
    const response = await browser.fetch(`${url.pathname}${url.search}`);
    const claims = await implicitAuthentication(
      config,
      new URL(response.headers.get('location') ?? ''),
      'n1',
    );
    expect(Object.keys(claims).sort()).toEqual(['aud', 'auth_time', 'exp', 'iat', 'iss', 'nonce', 'sub']);
  });

  it('answers to a registered loopback http redirect URI and keeps a registered query', async () => {
    const browser = await signedInBrowser(dev().url);
    for (const redirectUri of [SPA_LOOPBACK, SPA_WITH_QUERY]) {
      const response = await browser.fetch(authorizePath(oidcParams({ redirect_uri: redirectUri })));
      expect(response.status).toBe(302);
      const location = response.headers.get('location') ?? '';
      expect(location.startsWith(`${redirectUri}#id_token=`)).toBe(true);
      expect(new URL(location).search).toBe(new URL(redirectUri).search);
    }
  });
});

describe('response_type=id_token token', () => {
  it('returns an access token with token_type, expires_in and scope, and the ID token has its at_hash', async () => {
    const config = await spaClientConfig(dev().url);
    const browser = await signedInBrowser(dev().url);
    // The order of the response_type values does not matter (RFC 6749 3.1.1).
    const path = authorizePath(
      oidcParams({ response_type: 'token id_token', scope: 'openid email unknown' }),
    );
    const response = await browser.fetch(path);
    expect(response.status).toBe(302);
    const location = response.headers.get('location') ?? '';
    const { url, fragment } = redirectParams(location);
    expect(url.search).toBe('');
    expect(fragment.get('token_type')).toBe('Bearer');
    expect(fragment.get('expires_in')).toBe(String(LIFETIME));
    expect(fragment.get('scope')).toBe('openid email');
    const accessToken = fragment.get('access_token') ?? '';

    const claims = await implicitAuthentication(config, new URL(location), 'n-0S6_WzA2Mj', {
      expectedState: 'af0ifjsldkj',
    });
    expect(claims.at_hash).toBe(expectedAtHash(accessToken));
    expect(claims.email).toBe(ALEX.email);

    const { payload, protectedHeader } = await verifyJwt(dev().url, accessToken);
    expect(protectedHeader.typ).toBe('at+jwt');
    expect(payload).toMatchObject({
      iss: issuerOf(dev().url),
      sub: ALEX.userId,
      aud: SPA,
      scope: 'openid email',
    });
    expect(payload.auth_time).toBe(claims.auth_time);
  });

  it('response_type=token alone is OAuth: an access token and no ID token, nonce not needed', async () => {
    const browser = await signedInBrowser(dev().url);
    const path = authorizePath(oidcParams({ response_type: 'token', scope: 'profile', nonce: undefined }));
    const response = await browser.fetch(path);
    const { fragment } = redirectParams(response.headers.get('location'));
    expect(fragment.has('id_token')).toBe(false);
    expect(fragment.get('scope')).toBe('profile');
    expect(fragment.get('state')).toBe('af0ifjsldkj');
    expect(fragment.get('iss')).toBe(issuerOf(dev().url));
    const { payload } = await verifyJwt(dev().url, fragment.get('access_token') ?? '');
    expect(payload.scope).toBe('profile');
  });
});

describe('response_mode=form_post', () => {
  it('posts the response with an auto-submitting page that openid-client accepts', async () => {
    const config = await spaClientConfig(dev().url);
    const browser = await signedInBrowser(dev().url);
    const path = authorizePath(
      oidcParams({ response_mode: 'form_post', nonce: 'fp-nonce', state: 'fp-state' }),
    );
    const response = await browser.fetch(path);
    expect(response.status).toBe(200);
    const html = await response.text();
    const post = formPostRequest(html);
    expect(post.url).toBe(SPA_CALLBACK);
    const claims = await implicitAuthentication(config, post, 'fp-nonce', { expectedState: 'fp-state' });
    expect(claims.sub).toBe(ALEX.userId);
  });

  it('a POSTed authorize request is answered too (303 for the sign-in, then the page)', async () => {
    const config = await spaClientConfig(dev().url);
    const browser = new CookieJarClient(dev().url);
    const body = new URLSearchParams(
      oidcParams({ response_mode: 'form_post', nonce: 'post-n', state: 'post-s' }),
    );
    const challenge = await browser.fetch('/contoso/oauth2/v1/auth', { method: 'POST', body });
    expect(challenge.status).toBe(303);
    const location = challenge.headers.get('location') ?? '';
    // The form parameters come back as a GET query: Easy Auth can only return with a GET.
    const returnTo = new URL(
      new URL(location, dev().url).searchParams.get('post_login_redirect_uri') ?? '',
      dev().url,
    );
    expect(Object.fromEntries(returnTo.searchParams)).toEqual(Object.fromEntries(body));
    const page = await signIn(browser, location);
    expect(page.status).toBe(200);
    const claims = await implicitAuthentication(config, formPostRequest(await page.text()), 'post-n', {
      expectedState: 'post-s',
    });
    expect(claims.aud).toBe(SPA);
  });
});

describe('what never happens', () => {
  it('no token reached a query string, the dev host log or its redaction', async () => {
    const joined = dev().logs.join('\n');
    expect(joined).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
    expect(joined).not.toContain('[redacted');
    expect(joined).not.toMatch(/id_token=|access_token=/);
  });

  it('the ID token names its key', async () => {
    const browser = await signedInBrowser(dev().url);
    const response = await browser.fetch(authorizePath(oidcParams()));
    const { fragment } = redirectParams(response.headers.get('location'));
    const header = decodeProtectedHeader(fragment.get('id_token') ?? '');
    expect(header.kid).toBe(Buffer.from(dev().certificateThumbprint, 'hex').toString('base64url'));
    expect(header.typ).toBe('JWT');
  });
});
