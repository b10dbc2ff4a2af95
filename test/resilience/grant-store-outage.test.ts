import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import functions from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authorizeHandler } from '../../functions/authorize.js';
import { siteTokenHandler, tokenHandler } from '../../functions/token.js';
import { createDevCertificate } from '../../dev/dev-certificate.js';
import { resetServices } from '../../shared/services.js';
import { callHandler } from '../support/call-handler.js';
import { principalHeaders } from '../support/easy-auth-headers.js';
import { seedSite } from '../support/settings-fixture.js';
import { OutageAzurite } from './support/outage-azurite.js';

/**
 * Table storage down: the code and refresh requests, which must read or write their tables, fail
 * with 503 and Retry-After and leave nothing half-done (the code still redeems once storage is
 * back); the implicit and Power Pages paths keep serving from the cached settings.
 */

const CALLBACK = 'https://app.example/cb';
const tableName = `Grants${randomBytes(4).toString('hex')}`;
let azurite: OutageAzurite;
let certificatesDir: string;
const user = principalHeaders({
  id: 'user-outage',
  name: 'outage@contoso.com',
  claims: [['auth_time', String(Math.floor(Date.now() / 1000))]],
});

beforeAll(async () => {
  azurite = await OutageAzurite.start();
  const table = await azurite.table(tableName);
  await table.ensureTable();
  await seedSite(table, 'contoso', {
    'ImplicitGrantFlow/RegisteredClientId': 'spa',
    'ImplicitGrantFlow/spa/RedirectUri': CALLBACK,
    'ImplicitGrantFlow/spa/AllowRefreshTokens': 'True',
  });
  certificatesDir = await mkdtemp(join(tmpdir(), 'portal-sts-grant-outage-'));
  await createDevCertificate({ dir: certificatesDir, name: 'portal-sts-signing' });
}, 60_000);
/** App settings as a deployment has them (stubbed per test: vitest restores them after each). */
function configure(): void {
  const env = {
    DEFAULT_SITE: 'contoso',
    PUBLIC_BASE_URL: 'https://sts.contoso.example',
    SITE_SETTINGS_CONNECTION_STRING: azurite.connectionString,
    SITE_SETTINGS_TABLE_NAME: tableName,
    SITE_SETTINGS_TTL_SECONDS: '300',
    CERTIFICATE_SOURCE: 'local',
    LOCAL_CERTIFICATES_DIR: certificatesDir,
    WEBSITE_AUTH_ENABLED: 'True',
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  resetServices();
}

afterAll(async () => {
  resetServices();
  await azurite.dispose();
  await rm(certificatesDir, { recursive: true, force: true });
});

function request(path: string, init: { method?: string; form?: Record<string, string> } = {}) {
  return new functions.HttpRequest({
    method: init.method ?? 'GET',
    url: `https://sts.contoso.example${path}`,
    headers: {
      ...user,
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    params: { site: 'contoso' },
    ...(init.form ? { body: { string: new URLSearchParams(init.form).toString() } } : {}),
  });
}

function authorize(params: Record<string, string>) {
  const query = new URLSearchParams({ client_id: 'spa', redirect_uri: CALLBACK, state: 's', ...params });
  return callHandler(authorizeHandler, request(`/contoso/oauth2/v1/auth?${query}`));
}

async function newCode(): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const response = await authorize({
    response_type: 'code',
    scope: 'openid offline_access',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  expect(response.status).toBe(302);
  const code = new URL(response.headers.get('location') ?? '').searchParams.get('code');
  expect(code).toBeTruthy();
  return { code: code ?? '', verifier };
}

const token = (form: Record<string, string>) =>
  callHandler(siteTokenHandler, request('/contoso/oauth2/v1/token', { method: 'POST', form }));
const redeem = (code: string, verifier: string) =>
  token({
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    client_id: 'spa',
    redirect_uri: CALLBACK,
  });

describe('code and refresh requests with Table storage down', () => {
  it('fail 503 with Retry-After, the other paths serve from cache, and nothing is half-done', async () => {
    configure();
    const first = await newCode();
    const tokens = (await redeem(first.code, first.verifier)).json<{ refresh_token: string }>();
    const pending = await newCode();

    await azurite.stop();
    for (const response of [
      await redeem(pending.code, pending.verifier),
      await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: 'spa' }),
    ]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.json()).toMatchObject({ error: 'temporarily_unavailable' });
      expect(response.logs.join('\n')).not.toMatch(/\n\s+at /);
    }
    const codeRequest = await authorize({
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    expect(new URL(codeRequest.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'temporarily_unavailable',
    );

    // From the cached settings: the implicit flow and the Power Pages token endpoint.
    const implicit = await authorize({ response_type: 'id_token', scope: 'openid', nonce: 'n' });
    expect(new URL(implicit.headers.get('location') ?? '').hash).toMatch(/id_token=/);
    const powerPages = await callHandler(tokenHandler, request('/_services/auth/token'));
    expect(powerPages.status).toBe(200);

    await azurite.start();
    // The failed attempts changed nothing: the code redeems, the refresh token rotates.
    expect((await redeem(pending.code, pending.verifier)).status).toBe(200);
    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: 'spa',
    });
    expect(refreshed.status).toBe(200);
  }, 90_000);
});
