import { describe, expect, it } from 'vitest';
import { cliStoreForFile } from './cli-fixture.js';
import { expectExit, runCli } from './run-cli.js';

const store = cliStoreForFile({
  contoso: {
    'Connector/ImplicitGrantFlowEnabled': 'True',
    'ImplicitGrantFlow/TokenExpirationTime': '900',
  },
  fabrikam: { 'ImplicitGrantFlow/TokenExpirationTime': '600' },
});
const { env } = store;

describe('sites list and settings list/get', () => {
  it('lists the sites, as text and as JSON', async () => {
    const text = await expectExit(0, ['sites', 'list'], { env });
    expect(text.stdout.split('\n')).toEqual(expect.arrayContaining(['contoso', 'fabrikam']));
    const json = await expectExit(0, ['sites', 'list', '--json'], { env });
    expect(json.json<{ sites: string[] }>().sites).toEqual(expect.arrayContaining(['contoso', 'fabrikam']));
  });

  it("lists a site's settings and gets one by case-insensitive name", async () => {
    const list = await expectExit(0, ['settings', 'list', '--site', 'contoso'], { env });
    expect(list.stdout).toContain('Connector/ImplicitGrantFlowEnabled = True\n');
    const get = await expectExit(
      0,
      ['settings', 'get', '--site', 'contoso', 'implicitgrantflow/tokenexpirationtime'],
      { env },
    );
    expect(get.stdout).toBe('900\n');
    const json = await expectExit(
      0,
      ['settings', 'get', '--json', '--site', 'contoso', 'ImplicitGrantFlow/TokenExpirationTime'],
      { env },
    );
    expect(json.json()).toEqual({
      site: 'contoso',
      name: 'ImplicitGrantFlow/TokenExpirationTime',
      value: '900',
    });
  });

  it('takes the store from flags as well as from the environment', async () => {
    const run = await expectExit(0, [
      'settings',
      'get',
      '--site',
      'fabrikam',
      'ImplicitGrantFlow/TokenExpirationTime',
      '--connection-string',
      env.SITE_SETTINGS_CONNECTION_STRING ?? '',
      '--table',
      env.SITE_SETTINGS_TABLE_NAME ?? '',
    ]);
    expect(run.stdout).toBe('600\n');
  });

  it('answers 3 for an unknown site (list, get, delete) and an unset setting', async () => {
    for (const argv of [
      ['settings', 'list', '--site', 'nosuchsite'],
      ['settings', 'get', '--site', 'nosuchsite', 'X'],
      ['settings', 'delete', '--site', 'nosuchsite', 'X'],
    ]) {
      const run = await expectExit(3, argv, { env });
      expect(run.stderr).toBe(
        "portal-sts: site 'nosuchsite' not found: it has no settings in table " +
          `${env.SITE_SETTINGS_TABLE_NAME}\n`,
      );
    }
    const unset = await expectExit(3, ['settings', 'get', '--site', 'contoso', 'Nope/Nothing'], { env });
    expect(unset.stderr).toContain("setting 'Nope/Nothing' is not set for site 'contoso'");
  });

  it('answers 3 for a table that does not exist', async () => {
    const run = await expectExit(3, ['sites', 'list'], {
      env: { ...env, SITE_SETTINGS_TABLE_NAME: 'NoSuchTable' },
    });
    expect(run.stderr).toContain('table NoSuchTable does not exist');
  });
});

describe('settings set and delete', () => {
  it('creates a site with its first setting, replaces it, and deletes it', async () => {
    const set = await expectExit(0, ['settings', 'set', '--site', 'new-site', 'Custom/Thing', 'one'], {
      env,
    });
    expect(set.stderr).toContain("warning: site 'new-site' had no settings: it now exists");
    await expectExit(0, ['settings', 'set', '--site', 'new-site', 'custom/thing', 'two'], { env });
    expect((await store.table.readSite('new-site')).get('custom/thing')?.value).toBe('two');
    const deleted = await expectExit(
      0,
      ['settings', 'delete', '--site', 'new-site', 'CUSTOM/THING', '--json'],
      { env },
    );
    expect(deleted.json()).toMatchObject({ site: 'new-site', deleted: true });
    expect((await store.table.readSite('new-site')).size).toBe(0);
  });

  it('normalises True/False and refuses anything else for the flow switch', async () => {
    await expectExit(
      0,
      ['settings', 'set', '--site', 'contoso', 'Connector/ImplicitGrantFlowEnabled', 'false'],
      { env },
    );
    expect((await store.table.readSite('contoso')).get('connector/implicitgrantflowenabled')?.value).toBe(
      'False',
    );
    const bad = await expectExit(
      2,
      ['settings', 'set', '--site', 'contoso', 'Connector/ImplicitGrantFlowEnabled', 'yes'],
      { env },
    );
    expect(bad.stderr).toBe('portal-sts: Connector/ImplicitGrantFlowEnabled must be True or False\n');
  });

  it('stores a lifetime that is not a whole number with a warning that 900 will be used', async () => {
    const run = await expectExit(
      0,
      ['settings', 'set', '--site', 'contoso', 'ImplicitGrantFlow/TokenExpirationTime', '15m'],
      { env },
    );
    expect(run.stderr).toContain("warning: '15m' is not a whole number of seconds: the service will use 900");
    const clamped = await expectExit(
      0,
      ['settings', 'set', '--site', 'contoso', 'ImplicitGrantFlow/TokenExpirationTime', '7200'],
      { env },
    );
    expect(clamped.stderr).toContain('the service will use 3600');
  });

  it('normalises a pasted thumbprint and refuses a bad one', async () => {
    const pasted = `\u200eab cd ${'0'.repeat(36)}`;
    await expectExit(
      0,
      ['settings', 'set', '--site', 'contoso', 'CustomCertificates/ImplicitGrantflow', pasted],
      { env },
    );
    expect((await store.table.readSite('contoso')).get('customcertificates/implicitgrantflow')?.value).toBe(
      `ABCD${'0'.repeat(36)}`,
    );
    const bad = await expectExit(
      2,
      ['settings', 'set', '--site', 'contoso', 'CustomCertificates/ImplicitGrantflow', 'xyz'],
      { env },
    );
    expect(bad.stderr).toContain("'xyz' is not a certificate thumbprint");
  });

  it('checks client ids and redirect URIs set by hand', async () => {
    await expectExit(
      2,
      ['settings', 'set', '--site', 'contoso', 'ImplicitGrantFlow/RegisteredClientId', 'a;b_c'],
      { env },
    );
    await expectExit(
      2,
      ['settings', 'set', '--site', 'contoso', 'ImplicitGrantFlow/a/RedirectUri', 'http://evil.example/'],
      { env },
    );
    await expectExit(
      2,
      ['settings', 'set', '--site', 'contoso', 'ImplicitGrantFlow/a/PostLogoutRedirectUri', 'https://x/#f'],
      { env },
    );
    await expectExit(
      2,
      ['settings', 'set', '--site', 'contoso', 'ImplicitGrantFlow/a/AllowRefreshTokens', 'yes'],
      {
        env,
      },
    );
    await expectExit(
      0,
      ['settings', 'set', '--site', 'contoso', 'ImplicitGrantFlow/a/AllowRefreshTokens', 'true'],
      {
        env,
      },
    );
    expect(await store.setting('contoso', 'ImplicitGrantFlow/a/AllowRefreshTokens')).toBe('True');
  });
});

describe('bad usage', () => {
  it('answers 2 for a bad site id, an unknown option, missing arguments and no store', async () => {
    const site = await expectExit(2, ['settings', 'list', '--site', 'Contoso_1'], { env });
    expect(site.stderr).toContain("'Contoso_1' is not a site id");
    const option = await expectExit(2, ['settings', 'list', '--site', 'contoso', '--colour'], { env });
    expect(option.stderr).toContain("Unknown option '--colour'");
    await expectExit(2, ['settings', 'get', '--site', 'contoso'], { env });
    await expectExit(2, ['settings', 'list'], { env });
    const store = await expectExit(2, ['sites', 'list'], { env: {} });
    expect(store.stderr).toContain('no settings store');
    await expectExit(2, ['settings', 'frobnicate'], { env });
    const bare = await runCli([], { env });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: portal-sts <command>');
  });

  it('never prints the connection string or its key, even when the store refuses it', async () => {
    const key = 'c2VjcmV0LWFjY291bnQta2V5LXZhbHVlLW5vdC1yZWFs';
    const bogus = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${key};TableEndpoint=http://127.0.0.1:1/devstoreaccount1;`;
    const run = await runCli(['sites', 'list', '--connection-string', bogus]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^portal-sts: .+\n$/);
    expect(run.stdout + run.stderr).not.toContain(key);
  });

  it('prints help for the program, a group and a command', async () => {
    expect((await expectExit(0, ['--help'])).stdout).toContain('Exit codes: 0 ok, 1 operation failed');
    expect((await expectExit(0, ['settings', '--help'])).stdout).toContain('settings set');
    expect((await expectExit(0, ['settings', 'set', '--help'])).stdout).toContain(
      'Usage: portal-sts settings set --site S NAME VALUE',
    );
  });
});
