import { describe, expect, it } from 'vitest';
import { parsedSite } from '../support/parsed-site.js';

describe('refresh token site settings', () => {
  it.each([
    [undefined, 86_400],
    ['', 86_400],
    ['3600', 3600],
    [' 7200 ', 7200],
    ['10', 300],
    ['-5', 300],
    ['99999999', 2_592_000],
    ['99999999999999999999', 2_592_000],
    ['1.5', 86_400],
    ['1e6', 86_400],
    ['abc', 86_400],
  ])('RefreshTokenLifetime %j gives %d seconds', (value, seconds) => {
    const rows: Record<string, string> =
      value === undefined ? {} : { 'ImplicitGrantFlow/RefreshTokenLifetime': value };
    expect(parsedSite(rows).refreshTokenLifetimeSeconds).toBe(seconds);
  });

  it('reads the lifetime at load, by case-insensitive name', () => {
    expect(parsedSite({ 'implicitgrantflow/refreshtokenlifetime': '600' }).refreshTokenLifetimeSeconds).toBe(
      600,
    );
    expect(parsedSite({}).refreshTokenLifetimeSeconds).toBe(86_400);
  });

  it('allows refresh tokens per client only when AllowRefreshTokens is True (any case)', () => {
    const settings = parsedSite({
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
