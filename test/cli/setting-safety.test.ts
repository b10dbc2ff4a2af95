import { describe, expect, it } from 'vitest';
import { clientsArgv, cliStoreForFile } from './cli-fixture.js';
import { expectExit } from './run-cli.js';

/**
 * The CLI refuses what the service would ignore: client ids that differ only in case (they would
 * share one redirect-URI setting) and CorsAllowedOrigins entries that are not origins.
 */

const { env, setting } = cliStoreForFile({
  contoso: {
    'ImplicitGrantFlow/RegisteredClientId': 'spa',
    'ImplicitGrantFlow/spa/RedirectUri': 'https://spa.contoso.com/cb',
  },
});

const set = (name: string, value: string) => ['settings', 'set', '--site', 'contoso', name, value];

describe('client ids differing only in case', () => {
  it('clients add SPA next to spa: refused, nothing written', async () => {
    const run = await expectExit(2, clientsArgv('add', 'SPA', '--redirect-uri', 'https://evil.example/cb'), {
      env,
    });
    expect(run.stderr).toContain("'SPA' differs from the registered client 'spa' only in case");
    expect(await setting('contoso', 'ImplicitGrantFlow/RegisteredClientId')).toBe('spa');
    expect(await setting('contoso', 'ImplicitGrantFlow/spa/RedirectUri')).toBe('https://spa.contoso.com/cb');
  });

  it('settings set RegisteredClientId with two such ids: refused', async () => {
    const run = await expectExit(2, set('ImplicitGrantFlow/RegisteredClientId', 'spa;Spa'), { env });
    expect(run.stderr).toContain('differ only in case cannot both be registered: spa, Spa');
  });
});

describe('CorsAllowedOrigins', () => {
  for (const bad of [
    '*',
    'https://*.contoso.com',
    'http://portal.contoso.com',
    'https://portal.contoso.com/app',
    'ftp://x.example',
  ]) {
    it(`refuses ${bad}`, async () => {
      const run = await expectExit(
        2,
        set('ImplicitGrantFlow/CorsAllowedOrigins', `https://ok.contoso.com;${bad}`),
        { env },
      );
      expect(run.stderr).toContain(`not origins`);
      expect(run.stderr).toContain(bad);
    });
  }

  it('stores https origins and loopback http', async () => {
    const value = 'https://portal.contoso.com;http://localhost:3000;https://admin.contoso.com/';
    await expectExit(0, set('ImplicitGrantFlow/CorsAllowedOrigins', value), { env });
    expect(await setting('contoso', 'ImplicitGrantFlow/CorsAllowedOrigins')).toBe(value);
  });
});
