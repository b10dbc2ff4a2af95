import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../shared/http/html-page.js';
import { authorizationResponse, formEncode } from '../../shared/oidc/authorize/authorization-response.js';
import { AuthorizeError } from '../../shared/oidc/authorize/authorize-error.js';
import { pageLanguage } from '../../shared/oidc/authorize/page-language.js';
import { isConformingRedirectUri } from '../../shared/oidc/authorize/redirect-uri-rules.js';
import {
  checkSession,
  FRESH_SIGN_IN_TOLERANCE_SECONDS,
  type Freshness,
} from '../../shared/oidc/authorize/session.js';
import type { SignedInUser } from '../../shared/user/signed-in-user.js';

describe('isConformingRedirectUri', () => {
  it.each([
    'https://app.contoso.example/cb',
    'https://app.contoso.example:8443/cb?tenant=1',
    'http://localhost:3000/cb',
    'http://127.0.0.1:5173/',
    'http://[::1]:8080/cb',
  ])('accepts %s', (uri) => expect(isConformingRedirectUri(uri)).toBe(true));

  it.each([
    'http://app.contoso.example/cb',
    'http://localhost.evil.example/cb',
    'http://127.0.0.2/cb',
    'https://app.contoso.example/cb#frag',
    'https://user:pass@app.contoso.example/cb',
    'javascript:alert(1)',
    'data:text/html,hi',
    'com.contoso.app:/cb',
    '/relative/cb',
    'https://app.contoso.example/a b',
    'https://app.contoso.example/é',
  ])('refuses %s', (uri) => expect(isConformingRedirectUri(uri)).toBe(false));
});

const NOW = 1_800_000_000;
const user = (authTime: number | undefined): SignedInUser => ({
  id: 'u1',
  name: 'u1@contoso.com',
  identityProvider: 'aad',
  email: '',
  givenName: '',
  familyName: '',
  phoneNumber: '',
  locale: undefined,
  authTime,
  claims: new Map(),
});
const fresh = (prompts: string[] = [], maxAge?: number, authAfter?: number): Freshness => ({
  prompts: new Set(prompts),
  maxAge,
  authAfter,
});
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof AuthorizeError ? error.code : 'not an AuthorizeError';
  }
  return 'no error';
};

describe('checkSession', () => {
  it('signed out: sign in; forced when prompt=login or max_age; login_required with prompt=none', () => {
    expect(checkSession(undefined, fresh(), NOW)).toEqual({ kind: 'sign-in', fresh: false });
    expect(checkSession(undefined, fresh(['login']), NOW)).toEqual({ kind: 'sign-in', fresh: true });
    expect(checkSession(undefined, fresh([], 60), NOW)).toEqual({ kind: 'sign-in', fresh: true });
    expect(codeOf(() => checkSession(undefined, fresh(['none']), NOW))).toBe('login_required');
  });

  it('max_age: older than it signs in again; exactly it is still fine (OIDC: "greater than")', () => {
    expect(checkSession(user(NOW - 61), fresh([], 60), NOW)).toEqual({ kind: 'sign-in', fresh: true });
    expect(checkSession(user(NOW - 60), fresh([], 60), NOW)).toMatchObject({
      kind: 'signed-in',
      authTime: NOW - 60,
    });
    expect(codeOf(() => checkSession(user(NOW - 61), fresh(['none'], 60), NOW))).toBe('login_required');
  });

  it('back from a forced sign-in: accepted within the tolerance, login_required before it', () => {
    const authAfter = NOW - 10;
    const edge = authAfter - FRESH_SIGN_IN_TOLERANCE_SECONDS;
    expect(checkSession(user(edge), fresh([], 0, authAfter), NOW)).toMatchObject({
      kind: 'signed-in',
      authTime: edge,
    });
    expect(codeOf(() => checkSession(user(edge - 1), fresh([], 0, authAfter), NOW))).toBe('login_required');
    // The marker wins over a prompt=login a client left in: no loop.
    expect(checkSession(user(NOW), fresh(['login'], undefined, authAfter), NOW).kind).toBe('signed-in');
  });

  it('a provider that never says when the user signed in: access_denied, never a made-up auth_time', () => {
    expect(codeOf(() => checkSession(user(undefined), fresh(), NOW))).toBe('access_denied');
    expect(checkSession(user(undefined), fresh(['login']), NOW)).toEqual({ kind: 'sign-in', fresh: true });
    expect(codeOf(() => checkSession(user(undefined), fresh([], undefined, NOW), NOW))).toBe(
      'login_required',
    );
  });
});

describe('pageLanguage', () => {
  it('ui_locales first (its first tag we have), then the locale claim, then Accept-Language', () => {
    expect(pageLanguage('de-DE', 'fr', 'xx-YY ko')).toBe('ko');
    expect(pageLanguage('de-DE', 'fr', 'xx-YY')).toBe('de');
    expect(pageLanguage(undefined, 'fr;q=0.9, it', undefined)).toBe('it');
    expect(pageLanguage(undefined, null, 'en-GB de')).toBe('en');
    expect(pageLanguage(undefined, null, 'zh-TW')).toBe('en');
  });
});

describe('responses', () => {
  it('encode spaces as %20, so clients that use decodeURIComponent read them too', () => {
    expect(formEncode([['error_description', 'a b+c&d=e']])).toBe('error_description=a%20b%2Bc%26d%3De');
  });

  it('error descriptions stay within the RFC 6749 character set', () => {
    expect(new AuthorizeError('invalid_request', 'bad "quote" \\ é\n').description).toBe('bad ?quote? ? ??');
  });

  it('refuse to put a token in a query string', () => {
    const replyTo = {
      redirectUri: 'https://a.example/cb',
      mode: 'query' as const,
      state: undefined,
      issuer: undefined,
    };
    expect(() =>
      authorizationResponse(replyTo, [['id_token', 'x']], { language: 'en', method: 'GET' }),
    ).toThrow();
  });

  it('escape every HTML-significant character', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\`</a>`)).toBe(
      '&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#96;&#60;/a&#62;',
    );
  });
});
