import { describe, expect, it } from 'vitest';
import type { StoredSetting } from '../../shared/settings/settings-table.js';
import { parseRefreshTokenLifetime, parseSiteSettings } from '../../shared/settings/site-settings.js';

function site(settings: Record<string, string>) {
  const rows = new Map<string, StoredSetting>(
    Object.entries(settings).map(([name, value]) => [name.toLowerCase(), { name, value }]),
  );
  return parseSiteSettings('contoso', rows);
}

describe('refresh token site settings', () => {
  it.each([
    [undefined, 86_400],
    ['', 86_400],
    ['3600', 3600],
    [' 7200 ', 7200],
    ['10', 300],
    ['-5', 300],
    ['99999999', 2_592_000],
    ['1.5', 86_400],
    ['1e6', 86_400],
    ['abc', 86_400],
  ])('RefreshTokenLifetime %j gives %d seconds', (value, seconds) => {
    expect(parseRefreshTokenLifetime(value)).toBe(seconds);
  });

  it('reads the lifetime at load, by case-insensitive name', () => {
    expect(site({ 'implicitgrantflow/refreshtokenlifetime': '600' }).refreshTokenLifetimeSeconds).toBe(600);
    expect(site({}).refreshTokenLifetimeSeconds).toBe(86_400);
  });

  it('allows refresh tokens per client only when AllowRefreshTokens is True (any case)', () => {
    const settings = site({
      'ImplicitGrantFlow/spa/AllowRefreshTokens': 'True',
      'ImplicitGrantFlow/app2/AllowRefreshTokens': ' true ',
      'ImplicitGrantFlow/app3/AllowRefreshTokens': 'yes',
      'ImplicitGrantFlow/app4/AllowRefreshTokens': 'False',
    });
    expect(settings.allowsRefreshTokens('spa')).toBe(true);
    expect(settings.allowsRefreshTokens('app2')).toBe(true);
    expect(settings.allowsRefreshTokens('app3')).toBe(false);
    expect(settings.allowsRefreshTokens('app4')).toBe(false);
    expect(settings.allowsRefreshTokens('unset')).toBe(false);
  });
});
