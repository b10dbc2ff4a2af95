import { describe, expect, it } from 'vitest';
import { settingRowKey } from '../../shared/settings/setting-names.js';
import { parseThumbprintSetting, splitList } from '../../shared/settings/site-settings.js';
import { parsedSite } from '../support/parsed-site.js';

describe('token lifetime', () => {
  it.each([
    [undefined, 900],
    ['', 900],
    ['900', 900],
    [' 1200 ', 1200],
    ['60', 60],
    ['59', 60],
    ['0', 60],
    ['-5', 60],
    ['3600', 3600],
    ['3601', 3600],
    ['99999999999999999999', 3600],
    ['12.5', 900],
    ['900.0', 900],
    ['1e3', 900],
    ['abc', 900],
    ['0x100', 900],
  ])('%j gives %i seconds', (value, expected) => {
    const rows: Record<string, string> =
      value === undefined ? {} : { 'ImplicitGrantFlow/TokenExpirationTime': value };
    expect(parsedSite(rows).tokenLifetimeSeconds).toBe(expected);
  });
});

describe('flow enabled', () => {
  it.each([
    [undefined, true],
    ['True', true],
    ['true', true],
    ['False', false],
    ['FALSE', false],
    [' false ', false],
    ['no', true],
  ])('%j is %s', (value, expected) => {
    const rows: Record<string, string> =
      value === undefined ? {} : { 'Connector/ImplicitGrantFlowEnabled': value };
    expect(parsedSite(rows).flowEnabled).toBe(expected);
  });
});

describe('lists and thumbprints', () => {
  it('splits semicolon lists, trimming and dropping empties', () => {
    expect(splitList(' a; b ;;c; ')).toEqual(['a', 'b', 'c']);
    expect(splitList(undefined)).toEqual([]);
  });

  it('normalises a pasted thumbprint and flags garbage', () => {
    expect(parseThumbprintSetting('\u200eab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01')).toBe(
      'ABCDEF0123456789ABCDEF0123456789ABCDEF01',
    );
    expect(parseThumbprintSetting('')).toBeUndefined();
    expect(parseThumbprintSetting('not-a-thumbprint')).toEqual({ invalid: true });
  });
});

describe('parseSiteSettings', () => {
  const site = parsedSite({
    'ImplicitGrantFlow/RegisteredClientId': 'app-one; app-two',
    'implicitgrantflow/app-one/redirecturi': 'https://a.example/cb;http://localhost:3000/',
    'ImplicitGrantFlow/app-one/PostLogoutRedirectUri':
      'https://a.example/out; http://a.example/out;https://a.example/x#f;https://u@a.example/;http://127.0.0.1:5173/bye',
    'ImplicitGrantFlow/not-registered/PostLogoutRedirectUri': 'https://n.example/out',
    'IMPLICITGRANTFLOW/TOKENEXPIRATIONTIME': '120',
    'Connector/ImplicitGrantFlowEnabled': 'false',
  });

  it('matches setting names case-insensitively', () => {
    expect(site.tokenLifetimeSeconds).toBe(120);
    expect(site.flowEnabled).toBe(false);
    expect(site.get('implicitgrantflow/registeredclientid')).toBe('app-one; app-two');
  });

  it('keeps client ids exact and resolves per-client redirect URIs', () => {
    expect([...site.registeredClientIds]).toEqual(['app-one', 'app-two']);
    expect(site.registeredClientIds.has('APP-ONE')).toBe(false);
    expect(site.redirectUris('app-one')).toEqual(['https://a.example/cb', 'http://localhost:3000/']);
    expect(site.redirectUris('app-two')).toEqual([]);
  });

  it('keeps only conforming post-logout redirect URIs, of registered clients, when loading', () => {
    expect(site.postLogoutRedirectUris('app-one')).toEqual([
      'https://a.example/out',
      'http://127.0.0.1:5173/bye',
    ]);
    expect(site.postLogoutRedirectUris('app-two')).toEqual([]);
    expect(site.postLogoutRedirectUris('not-registered')).toEqual([]);
  });

  it('defaults to the default certificate when no thumbprint is set', () => {
    expect(site.certificateThumbprint).toBeUndefined();
  });
});

describe('settingRowKey', () => {
  it('lowercases and escapes characters Table keys forbid', () => {
    expect(settingRowKey('ImplicitGrantFlow/My#App?/RedirectUri')).toBe(
      'implicitgrantflow%2Fmy%23app%3F%2Fredirecturi',
    );
    expect(settingRowKey('a\\b')).toBe('a%5Cb');
  });
});
