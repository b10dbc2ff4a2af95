import functions from '@azure/functions';
import { decodeProtectedHeader } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { siteTokenHandler, tokenHandler } from '../../functions/token.js';
import { SETTING } from '../../shared/settings/setting-names.js';
import { callHandler } from '../support/call-handler.js';
import { type KeyVaultTestServer, startTestVault } from '../support/keyvault-server/index.js';
import { setUpKeyVaultSites } from '../support/keyvault-site.js';
import { makeCertificate } from '../support/test-certificates.js';
import { ADA, httpRequest, principalHeaders } from '../support/token-site.js';
import { vaultAdmin } from '../support/vault-admin.js';

/**
 * The token endpoint when Key Vault signs: a throttled or hung vault is a 503 with Retry-After
 * (never a 500), and a site whose key signs in process does not notice.
 */

let vault: KeyVaultTestServer;
let admin: ReturnType<typeof vaultAdmin>;
const remote = makeCertificate();
const local = makeCertificate();

beforeAll(async () => {
  vault = await startTestVault();
  admin = vaultAdmin(vault.url);
  await admin.importCertificate('remote-site', remote, { exportable: false });
  await admin.importCertificate('local-site', local);
});
afterAll(() => vault.stop());
afterEach(() => {
  vault.failWith(undefined);
  vault.hang(false);
  vi.unstubAllEnvs();
});

/** contoso follows a non-exportable certificate; fabrikam pins an exportable one by thumbprint. */
async function setUp(signTimeoutMs = '5000') {
  await setUpKeyVaultSites(
    vault.url,
    {
      contoso: { [SETTING.certificateName]: 'remote-site' },
      fabrikam: { [SETTING.certificateThumbprint]: local.thumbprint },
    },
    { KEYVAULT_SIGN_TIMEOUT_MS: signTimeoutMs, CERTIFICATE_VERSIONS_TTL_SECONDS: '300' },
  );
}

const contosoToken = () =>
  callHandler(
    tokenHandler,
    httpRequest('/_services/auth/token?client_id=demo-app', { headers: principalHeaders(ADA) }),
  );

const fabrikamToken = () =>
  callHandler(
    siteTokenHandler,
    new functions.HttpRequest({
      method: 'GET',
      url: 'https://sts.contoso.example/fabrikam/oauth2/v1/token?client_id=demo-app',
      headers: principalHeaders(ADA),
      params: { site: 'fabrikam' },
    }),
  );

describe('remote signing limits at the token endpoint', () => {
  it("a throttled vault (429) gives 503 with the vault's Retry-After", async () => {
    await setUp();
    const warm = await contosoToken();
    expect(warm.status, warm.body).toBe(200);
    expect(decodeProtectedHeader(warm.body).kid).toBe(
      Buffer.from(remote.thumbprint, 'hex').toString('base64url'),
    );
    vault.failWith(429, 9);
    const throttled = await contosoToken();
    expect(throttled.status).toBe(503);
    expect(throttled.headers.get('retry-after')).toBe('9');
    expect(throttled.body).toContain('PortalSTS0011');
  });

  it('a hung vault gives 503 after the sign timeout; a site signing in process is served meanwhile', async () => {
    await setUp('2000');
    // Warm: the first remote signature also reads the key; on a loaded machine it may miss 2 s.
    await expect.poll(async () => (await contosoToken()).status, { timeout: 15_000 }).toBe(200);
    expect((await fabrikamToken()).status).toBe(200);
    vault.hang(true);
    const started = Date.now();
    const pending = contosoToken();
    const before = Date.now();
    const other = await fabrikamToken();
    expect(other.status).toBe(200);
    expect(Date.now() - before).toBeLessThan(1_500);
    const cut = await pending;
    expect(cut.status).toBe(503);
    expect(Number(cut.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_950);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a warm token for a named, non-exportable certificate costs exactly one Key Vault call: the sign', async () => {
    await setUpKeyVaultSites(
      vault.url,
      { contoso: { [SETTING.certificateName]: 'remote-site' } },
      { SITE_SETTINGS_TTL_SECONDS: '300', CERTIFICATE_VERSIONS_TTL_SECONDS: '300' },
    );
    expect((await contosoToken()).status).toBe(200);
    vault.resetRequestCounts();
    for (let i = 0; i < 10; i++) expect((await contosoToken()).status).toBe(200);
    expect(vault.requests()).toEqual({ 'POST /keys/{name}/{version}/sign': 10 });
  });
});
