import { describe, expect, it } from 'vitest';
import { seedSite } from '../support/settings-fixture.js';
import { clientsArgv, cliStoreForFile } from './cli-fixture.js';
import { expectExit } from './run-cli.js';

const store = cliStoreForFile({
  contoso: {
    'ImplicitGrantFlow/RegisteredClientId': 'demo-app',
    'ImplicitGrantFlow/demo-app/RedirectUri': 'https://app.contoso.com/callback',
    'ImplicitGrantFlow/leftover/RedirectUri': 'https://old.contoso.com/',
  },
});
const { env, setting } = store;

describe('clients add, list and remove', () => {
  it('registers a client and merges redirect URIs without duplicates', async () => {
    await expectExit(0, clientsArgv('add', 'spa-1', '--redirect-uri', 'http://localhost:3000/cb'), { env });
    const again = await expectExit(
      0,
      clientsArgv(
        'add',
        'spa-1',
        '--json',
        '--redirect-uri',
        'http://localhost:3000/cb',
        '--redirect-uri',
        'https://spa.contoso.com/cb',
      ),
      { env },
    );
    expect(again.json()).toEqual({
      site: 'contoso',
      clientId: 'spa-1',
      redirectUris: ['http://localhost:3000/cb', 'https://spa.contoso.com/cb'],
      postLogoutRedirectUris: [],
      allowRefreshTokens: false,
    });
    expect(await setting('contoso', 'ImplicitGrantFlow/RegisteredClientId')).toBe('demo-app;spa-1');
    expect(await setting('contoso', 'ImplicitGrantFlow/spa-1/RedirectUri')).toBe(
      'http://localhost:3000/cb;https://spa.contoso.com/cb',
    );
  });

  it('lists clients with their redirect URIs, and flags URI settings of unregistered clients', async () => {
    const run = await expectExit(0, ['clients', 'list', '--site', 'contoso', '--json'], { env });
    const { clients } = run.json<{
      clients: { id: string; registered: boolean; redirectUris: string[] }[];
    }>();
    expect(clients).toContainEqual({
      id: 'demo-app',
      registered: true,
      redirectUris: ['https://app.contoso.com/callback'],
      postLogoutRedirectUris: [],
      allowRefreshTokens: false,
    });
    expect(clients).toContainEqual({
      id: 'leftover',
      registered: false,
      redirectUris: ['https://old.contoso.com/'],
      postLogoutRedirectUris: [],
      allowRefreshTokens: false,
    });
    const text = await expectExit(0, clientsArgv('list', 'demo-app'), {
      env,
    });
    expect(text.stdout).toBe('demo-app\n  https://app.contoso.com/callback\n');
  });

  it('removes one redirect URI, then the client with its redirect URI setting', async () => {
    await expectExit(
      0,
      clientsArgv(
        'add',
        'gone',
        '--redirect-uri',
        'https://a.example/',
        '--redirect-uri',
        'https://b.example/',
      ),
      { env },
    );
    await expectExit(0, clientsArgv('remove', 'gone', '--redirect-uri', 'https://a.example/'), { env });
    expect(await setting('contoso', 'ImplicitGrantFlow/gone/RedirectUri')).toBe('https://b.example/');
    await expectExit(0, clientsArgv('remove', 'gone'), { env });
    expect(await setting('contoso', 'ImplicitGrantFlow/gone/RedirectUri')).toBeUndefined();
    expect(await setting('contoso', 'ImplicitGrantFlow/RegisteredClientId')).not.toContain('gone');
    const missing = await expectExit(3, clientsArgv('remove', 'gone'), {
      env,
    });
    expect(missing.stderr).toBe("portal-sts: client 'gone' is not registered for site 'contoso'\n");
  });

  it('deletes the client list when its last client is removed', async () => {
    await seedSite(store.table, 'solo', {
      'ImplicitGrantFlow/RegisteredClientId': 'only',
      'Connector/ImplicitGrantFlowEnabled': 'True',
    });
    await expectExit(0, ['clients', 'remove', '--site', 'solo', '--client-id', 'only'], { env });
    expect(await setting('solo', 'ImplicitGrantFlow/RegisteredClientId')).toBeUndefined();
  });
});

describe('clients: post-logout redirect URIs and refresh tokens', () => {
  const client = (verb: 'add' | 'remove' | 'list', ...extra: string[]) =>
    clientsArgv(verb, 'spa-out', ...extra);

  it('add merges post-logout URIs and turns refresh tokens on; list shows both', async () => {
    await expectExit(0, client('add', '--post-logout-redirect-uri', 'https://spa.contoso.com/out'), { env });
    const added = await expectExit(
      0,
      client(
        'add',
        '--json',
        '--post-logout-redirect-uri',
        'https://spa.contoso.com/out',
        '--post-logout-redirect-uri',
        'http://localhost:3000/bye',
        '--allow-refresh-tokens',
      ),
      { env },
    );
    expect(added.json()).toEqual({
      site: 'contoso',
      clientId: 'spa-out',
      redirectUris: [],
      postLogoutRedirectUris: ['https://spa.contoso.com/out', 'http://localhost:3000/bye'],
      allowRefreshTokens: true,
    });
    expect(await setting('contoso', 'ImplicitGrantFlow/spa-out/PostLogoutRedirectUri')).toBe(
      'https://spa.contoso.com/out;http://localhost:3000/bye',
    );
    expect(await setting('contoso', 'ImplicitGrantFlow/spa-out/AllowRefreshTokens')).toBe('True');
    const listed = await expectExit(0, client('list'), { env });
    expect(listed.stdout).toBe(
      'spa-out\n  post-logout https://spa.contoso.com/out\n  post-logout http://localhost:3000/bye\n  refresh tokens allowed\n',
    );
  });

  it('remove takes away one post-logout URI, or refresh tokens, or the client with all its settings', async () => {
    await expectExit(
      0,
      client('add', '--post-logout-redirect-uri', 'https://spa.contoso.com/out', '--allow-refresh-tokens'),
      { env },
    );
    const missing = await expectExit(
      3,
      client('remove', '--post-logout-redirect-uri', 'https://nope.example/'),
      { env },
    );
    expect(missing.stderr).toContain('has no such URI: https://nope.example/');
    await expectExit(0, client('remove', '--post-logout-redirect-uri', 'https://spa.contoso.com/out'), {
      env,
    });
    expect(await setting('contoso', 'ImplicitGrantFlow/spa-out/PostLogoutRedirectUri')).not.toContain(
      'https://spa.contoso.com/out',
    );
    await expectExit(0, client('remove', '--allow-refresh-tokens'), { env });
    expect(await setting('contoso', 'ImplicitGrantFlow/spa-out/AllowRefreshTokens')).toBeUndefined();
    expect(await setting('contoso', 'ImplicitGrantFlow/RegisteredClientId')).toContain('spa-out');

    await expectExit(0, client('add', '--allow-refresh-tokens'), { env });
    await expectExit(0, client('remove'), { env });
    expect(await setting('contoso', 'ImplicitGrantFlow/spa-out/PostLogoutRedirectUri')).toBeUndefined();
    expect(await setting('contoso', 'ImplicitGrantFlow/spa-out/AllowRefreshTokens')).toBeUndefined();
    expect(await setting('contoso', 'ImplicitGrantFlow/RegisteredClientId')).not.toContain('spa-out');
  });

  it('refuses a post-logout URI that breaks the redirect URI rules', async () => {
    const run = await expectExit(
      2,
      client('add', '--post-logout-redirect-uri', 'http://spa.contoso.com/out'),
      { env },
    );
    expect(run.stderr).toContain('http is only allowed for localhost');
  });
});

describe('clients: bad input', () => {
  const add = (...extra: string[]) => ['clients', 'add', '--site', 'contoso', ...extra];

  it('refuses a bad client id', async () => {
    const long = await expectExit(2, add('--client-id', 'a'.repeat(37)), { env });
    expect(long.stderr).toContain('is not a client id: at most 36 letters, digits and hyphens');
    await expectExit(2, add('--client-id', 'bad_id'), { env });
    await expectExit(2, add('--client-id', 'bad;id'), { env });
  });

  it.each([
    ['http on a public host', 'http://app.contoso.com/cb', 'http is only allowed for localhost'],
    ['a fragment', 'https://app.contoso.com/cb#x', 'it has a fragment'],
    ['an empty fragment', 'https://app.contoso.com/cb#', 'it has a fragment'],
    ['a relative URI', '/callback', 'it is not an absolute URL'],
    ['a user name', 'https://user@app.contoso.com/cb', 'user name or password'],
    ['another scheme', 'ftp://app.contoso.com/', 'it must be https'],
  ])('refuses a redirect URI with %s', async (_what, uri, message) => {
    const run = await expectExit(2, add('--client-id', 'x', '--redirect-uri', uri), { env });
    expect(run.stderr).toContain(message);
  });

  it('accepts http on the loopback names', async () => {
    for (const uri of ['http://localhost:8080/', 'http://127.0.0.1/cb', 'http://[::1]:5000/cb']) {
      await expectExit(0, add('--client-id', 'native', '--redirect-uri', uri), { env });
    }
  });

  it('answers 3 for an unknown site on remove and list', async () => {
    await expectExit(3, ['clients', 'remove', '--site', 'nosuchsite', '--client-id', 'x'], { env });
    await expectExit(3, ['clients', 'list', '--site', 'nosuchsite'], { env });
  });
});
