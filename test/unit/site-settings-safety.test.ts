import { describe, expect, it } from 'vitest';
import { parsedSite, settingRows } from '../support/parsed-site.js';

function parse(entries: Record<string, string>) {
  const warnings: string[] = [];
  const site = parsedSite(entries, { warn: (message) => warnings.push(message) });
  return { site, warnings };
}

describe('client ids are case-sensitive, and never two that differ only in case', () => {
  it('ids equal ignoring case are all refused, with one warning; the others stay registered', () => {
    const { site, warnings } = parse({
      'ImplicitGrantFlow/RegisteredClientId': 'spa;SPA;other',
      'ImplicitGrantFlow/SPA/RedirectUri': 'https://evil.example/cb',
      'ImplicitGrantFlow/other/RedirectUri': 'https://other.example/cb',
    });
    expect([...site.registeredClientIds]).toEqual(['other']);
    expect(warnings).toEqual([expect.stringContaining('differ only in case are all refused: spa, SPA')]);
    expect(site.redirectUris('other')).toEqual(['https://other.example/cb']);
  });

  it("a redirect-URI row belongs only to the id its name spells: `SPA`'s URIs are not `spa`'s", () => {
    const { site, warnings } = parse({
      'ImplicitGrantFlow/RegisteredClientId': 'spa',
      'ImplicitGrantFlow/SPA/RedirectUri': 'https://evil.example/cb',
    });
    expect(site.registeredClientIds.has('spa')).toBe(true);
    expect(site.redirectUris('spa')).toEqual([]);
    expect(site.redirectUris('SPA')).toEqual(['https://evil.example/cb']);
    expect(warnings).toEqual([expect.stringContaining('another case of the client id are ignored for: spa')]);
  });

  it('the prefix and suffix of the setting name still match in any case', () => {
    const { site, warnings } = parse({
      'ImplicitGrantFlow/RegisteredClientId': 'App-One',
      'implicitgrantflow/App-One/REDIRECTURI': 'https://a.example/cb',
    });
    expect(site.redirectUris('App-One')).toEqual(['https://a.example/cb']);
    expect(warnings).toEqual([]);
  });
});

describe('ImplicitGrantFlow/CorsAllowedOrigins follows the redirect-URI rules, origins only', () => {
  it('keeps https origins and loopback http; ignores the rest with one warning per load', () => {
    const { site, warnings } = parse({
      'ImplicitGrantFlow/CorsAllowedOrigins': [
        'https://portal.contoso.com',
        'https://Admin.Contoso.com:443/',
        'http://localhost:3000',
        'http://[::1]:8080',
        '*',
        'https://*.contoso.com',
        'http://portal.contoso.com',
        'https://portal.contoso.com/app',
        'https://portal.contoso.com/?x=1',
        'https://user@portal.contoso.com',
        'ftp://files.example',
        'null',
      ].join(';'),
    });
    expect([...site.corsAllowedOrigins].sort()).toEqual([
      'http://[::1]:8080',
      'http://localhost:3000',
      'https://admin.contoso.com',
      'https://portal.contoso.com',
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      'CorsAllowedOrigins entries that are not an https (or loopback http) origin',
    );
    expect(warnings[0]).toContain('"*"');
    expect(warnings[0]).toContain('"https://portal.contoso.com/app"');
  });

  it('a clean site logs nothing', () => {
    const { warnings } = parse({
      'ImplicitGrantFlow/RegisteredClientId': 'a',
      'ImplicitGrantFlow/a/RedirectUri': 'https://a.example/cb',
      'ImplicitGrantFlow/CorsAllowedOrigins': 'https://a.example',
    });
    expect(warnings).toEqual([]);
  });
});

describe('the warning reaches the instance log once per settings load', () => {
  it('cached reads do not repeat it; the next load does', async () => {
    const { SiteSettingsCache } = await import('../../shared/settings/site-settings-cache.js');
    let now = 0;
    const logged: string[] = [];
    const table = { readSite: async () => settingRows({ 'ImplicitGrantFlow/CorsAllowedOrigins': '*' }) };
    const cache = new SiteSettingsCache(table, 30, () => now, {
      log: (level, message) => logged.push(`${level} ${message}`),
    });
    await cache.get('contoso');
    await cache.get('contoso');
    expect(logged.filter((line) => line.includes('CorsAllowedOrigins'))).toHaveLength(1);
    expect(logged[0]).toMatch(/^warn /);
    now += 31_000;
    await cache.get('contoso');
    expect(logged.filter((line) => line.includes('CorsAllowedOrigins'))).toHaveLength(2);
  });
});
