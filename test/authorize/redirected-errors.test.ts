import { describe, expect, it } from 'vitest';
import { CookieJarClient } from '../support/dev-host.js';
import { seedSite } from '../support/settings-fixture.js';
import {
  authorizeHostForFile,
  authorizePath,
  authorizeSiteSettings,
  issuerOf,
  oidcParams,
  parseFormPost,
  redirectParams,
  SPA_CALLBACK,
  SPA_WITH_QUERY,
} from './support.js';

/**
 * Once client_id and redirect_uri are verified, every other problem goes back to the client at
 * its redirect URI, in its response mode, with error, error_description, state and iss
 * (RFC 6749 4.2.2.1, OIDC Core 3.2.2.6, RFC 9207).
 */

const { dev, browser } = authorizeHostForFile({ signedIn: true });

/** The error in the fragment of the redirect to the SPA's callback, with state and iss checked. */
async function expectRedirectedError(
  response: Response,
  error: string,
  state: string | null = 'af0ifjsldkj',
) {
  expect(response.status).toBe(302);
  const { url, fragment } = redirectParams(response.headers.get('location'));
  expect(`${url.origin}${url.pathname}${url.search}`).toBe(SPA_CALLBACK);
  expect(fragment.get('error')).toBe(error);
  expect(fragment.get('error_description')).toMatch(/^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/);
  expect(fragment.get('state')).toBe(state);
  expect(fragment.get('iss')).toBe(issuerOf(dev().url));
  expect(fragment.has('id_token') || fragment.has('access_token')).toBe(false);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  return fragment;
}

const get = (params: Record<string, string>) => browser().fetch(authorizePath(params));

describe('request errors, signed in (a redirect with tokens would otherwise follow)', () => {
  const cases: Array<[string, Record<string, string | undefined>, string]> = [
    ['missing response_type', { response_type: undefined }, 'invalid_request'],
    ['response_type=code id_token', { response_type: 'code id_token' }, 'unsupported_response_type'],
    ['response_type=id_token id_token', { response_type: 'id_token id_token' }, 'unsupported_response_type'],
    ['missing nonce', { nonce: undefined }, 'invalid_request'],
    [
      'missing nonce for id_token token',
      { nonce: undefined, response_type: 'id_token token' },
      'invalid_request',
    ],
    ['a nonce over 512 characters', { nonce: 'n'.repeat(513) }, 'invalid_request'],
    ['no openid scope', { scope: 'profile email' }, 'invalid_scope'],
    ['no scope at all', { scope: undefined }, 'invalid_scope'],
    ['response_mode=query', { response_mode: 'query' }, 'invalid_request'],
    ['an unknown response_mode', { response_mode: 'web_message' }, 'invalid_request'],
    ['prompt=none with another value', { prompt: 'none login' }, 'invalid_request'],
    ['a max_age that is not a number', { max_age: '1h' }, 'invalid_request'],
    ['a request object', { request: 'eyJhbGciOiJub25lIn0.e30.' }, 'request_not_supported'],
    ['a request_uri', { request_uri: 'https://spa.contoso.example/req' }, 'request_uri_not_supported'],
  ];
  for (const [what, overrides, error] of cases) {
    it(`${what}: ${error}`, async () => {
      await expectRedirectedError(await get(oidcParams(overrides)), error);
    });
  }

  it('a repeated parameter other than client_id and redirect_uri: invalid_request, state not echoed if it is the one', async () => {
    const query = new URLSearchParams(oidcParams());
    query.append('scope', 'openid');
    await expectRedirectedError(await browser().fetch(`/contoso/oauth2/v1/auth?${query}`), 'invalid_request');

    const twoStates = new URLSearchParams(oidcParams());
    twoStates.append('state', 'other');
    await expectRedirectedError(
      await browser().fetch(`/contoso/oauth2/v1/auth?${twoStates}`),
      'invalid_request',
      null,
    );
  });

  it('a repeated parameter is named only when it is a known one: no caller text in error_description', async () => {
    const unknown = new URLSearchParams(oidcParams());
    unknown.append('Please_sign_in_at_evil.example', '1');
    unknown.append('Please_sign_in_at_evil.example', '2');
    const fragment = await expectRedirectedError(
      await browser().fetch(`/contoso/oauth2/v1/auth?${unknown}`),
      'invalid_request',
    );
    expect(fragment.get('error_description')).toBe('a parameter was sent more than once');

    const both = new URLSearchParams(unknown);
    both.append('scope', 'openid');
    const named = await expectRedirectedError(
      await browser().fetch(`/contoso/oauth2/v1/auth?${both}`),
      'invalid_request',
    );
    expect(named.get('error_description')).toBe(
      'parameter sent more than once: scope (and others not named)',
    );
  });

  it('the same parameter in the query and the POST body counts as repeated', async () => {
    const response = await browser().fetch(`/contoso/oauth2/v1/auth?nonce=abc`, {
      method: 'POST',
      body: new URLSearchParams(oidcParams()),
    });
    expect(response.status).toBe(303);
    const { fragment } = redirectParams(response.headers.get('location'));
    expect(fragment.get('error')).toBe('invalid_request');
  });

  it('a state over 2048 characters: invalid_request, and that state is not echoed', async () => {
    await expectRedirectedError(await get(oidcParams({ state: 's'.repeat(2049) })), 'invalid_request', null);
    const ok = await get(oidcParams({ state: 's'.repeat(2048) }));
    expect(redirectParams(ok.headers.get('location')).fragment.get('state')).toBe('s'.repeat(2048));
  });

  it('response_mode=query never puts anything but the error in the query', async () => {
    const response = await get(oidcParams({ response_mode: 'query', response_type: 'id_token token' }));
    const location = response.headers.get('location') ?? '';
    expect(new URL(location).search).toBe('');
    expect(location).not.toMatch(/id_token=|access_token=/);
  });

  it('a code-flow client (response_type=code) reads its error in the query, where it looks', async () => {
    // No code_challenge: PKCE is required, so this is invalid_request.
    const response = await get(oidcParams({ response_type: 'code', redirect_uri: SPA_WITH_QUERY }));
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.hash).toBe('');
    expect(location.searchParams.get('tenant')).toBe('1');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('af0ifjsldkj');
  });

  it('errors use form_post when the client asked for it', async () => {
    const response = await get(oidcParams({ response_mode: 'form_post', scope: 'email' }));
    expect(response.status).toBe(200);
    const { action, fields } = parseFormPost(await response.text());
    expect(action).toBe(SPA_CALLBACK);
    expect(Object.fromEntries(fields)).toMatchObject({ error: 'invalid_scope', state: 'af0ifjsldkj' });
  });

  it('display, ui_locales, claims_locales, login_hint, acr_values, id_token_hint and unknown parameters never fail', async () => {
    const response = await get(
      oidcParams({
        display: 'popup',
        ui_locales: 'de',
        claims_locales: 'fr',
        login_hint: 'alex@contoso.com',
        acr_values: 'urn:mace:incommon:iap:silver',
        id_token_hint: 'eyJhbGciOiJub25lIn0.e30.',
        prompt: 'consent select_account',
        something_new: '1',
      }),
    );
    expect(redirectParams(response.headers.get('location')).fragment.has('id_token')).toBe(true);
  });
});

describe('the session', () => {
  it('prompt=none when signed out: login_required at the redirect URI, with state', async () => {
    const anonymous = new CookieJarClient(dev().url);
    await expectRedirectedError(
      await anonymous.fetch(authorizePath(oidcParams({ prompt: 'none' }))),
      'login_required',
    );
  });

  it('signed out without prompt=none: sent to sign in, not to the client', async () => {
    const anonymous = new CookieJarClient(dev().url);
    const response = await anonymous.fetch(authorizePath(oidcParams()));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(/^\/\.auth\/login\/dev\?post_login_redirect_uri=/);
  });

  it('signed out, a request too long to come back to after sign-in is refused at the redirect URI', async () => {
    const anonymous = new CookieJarClient(dev().url);
    // An unknown parameter is ignored, but it is part of the request Easy Auth must return to.
    const path = `${authorizePath(oidcParams())}&padding=${'p'.repeat(4100)}`;
    await expectRedirectedError(await anonymous.fetch(path), 'invalid_request');
    const justUnder = `${authorizePath(oidcParams())}&padding=${'p'.repeat(3000)}`;
    expect((await anonymous.fetch(justUnder)).headers.get('location')).toMatch(/^\/\.auth\/login\/dev\?/);
  });

  it('a request error is reported before asking anyone to sign in', async () => {
    const anonymous = new CookieJarClient(dev().url);
    await expectRedirectedError(
      await anonymous.fetch(authorizePath(oidcParams({ nonce: undefined }))),
      'invalid_request',
    );
  });
});

describe('the flow turned off for a site', () => {
  it('is unauthorized_client at the redirect URI', async () => {
    await seedSite(dev().table, 'fabrikam', {
      ...authorizeSiteSettings(dev().url),
      'Connector/ImplicitGrantFlowEnabled': 'False',
    });
    const response = await browser().fetch(authorizePath(oidcParams(), 'fabrikam'));
    const { fragment } = redirectParams(response.headers.get('location'));
    expect(fragment.get('error')).toBe('unauthorized_client');
    expect(fragment.get('iss')).toBe(`${dev().url}/fabrikam`);
    expect(fragment.get('state')).toBe('af0ifjsldkj');
  });
});

describe('no CORS on the authorize endpoint', () => {
  it('sends no Access-Control headers, even to a registered origin', async () => {
    const response = await browser().fetch(authorizePath(oidcParams()), {
      headers: { origin: 'https://spa.contoso.example' },
    });
    expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});
