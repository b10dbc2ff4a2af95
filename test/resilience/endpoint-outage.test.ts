import { createPublicKey, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultAzureCredential } from '@azure/identity';
import { CertificateClient } from '@azure/keyvault-certificates';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDevCertificate } from '../../dev/dev-certificate.js';
import { publicKeyHandler } from '../../functions/publickey.js';
import { getServices, resetServices } from '../../shared/services.js';
import { callHandler, type HandlerResult } from '../support/call-handler.js';
import { type KeyVaultTestServer, startTestVault } from '../support/keyvault-server/index.js';
import { toPkcs12 } from '../support/pkcs12-builder.js';
import { seedSite } from '../support/settings-fixture.js';
import { makeCertificate } from '../support/test-certificates.js';
import { httpRequest } from '../support/token-site.js';
import { report, timed } from './support/measure.js';
import { OutageAzurite } from './support/outage-azurite.js';

let azurite: OutageAzurite;
let vault: KeyVaultTestServer;
let certificatesDir: string;
const site = 'outage-site';
const tableName = `Endpoint${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  [azurite, vault] = await Promise.all([OutageAzurite.start(), startTestVault()]);
  const table = await azurite.table(tableName);
  await table.ensureTable();
  await seedSite(table, site, { 'ImplicitGrantFlow/RegisteredClientId': 'demo-app' });
  certificatesDir = await mkdtemp(join(tmpdir(), 'portal-sts-outage-certs-'));
  await createDevCertificate({ dir: certificatesDir, name: 'portal-sts-signing' });
}, 60_000);
afterAll(async () => {
  await Promise.all([azurite.dispose(), vault.stop()]);
  await rm(certificatesDir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all([azurite.start(), vault.restart()]);
}, 60_000);

/** App settings as a deployment has them; TTL 0 so every request asks Table storage. */
function configure(certificates: Record<string, string>): void {
  const env = {
    DEFAULT_SITE: site,
    SITE_SETTINGS_CONNECTION_STRING: azurite.connectionString,
    SITE_SETTINGS_TABLE_NAME: tableName,
    SITE_SETTINGS_TTL_SECONDS: '0',
    ...certificates,
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  resetServices();
}
const local = () => configure({ CERTIFICATE_SOURCE: 'local', LOCAL_CERTIFICATES_DIR: certificatesDir });
const publicKey = () => callHandler(publicKeyHandler, httpRequest('/_services/auth/publickey'));

function expectErrorDocument(response: HandlerResult, id: string, retryAfter: string): void {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe(retryAfter);
  expect(response.json()).toMatchObject({ ErrorId: id });
  expect(response.logs.join('\n')).toContain(id);
  expect(response.logs.join('\n')).not.toMatch(/\n\s+at /);
}

describe('the endpoints through a backend outage, with the services built once', () => {
  it('serve stale settings with one warning, and recover after Azurite restarts', async () => {
    local();
    expect((await publicKey()).status).toBe(200);
    const services = await getServices();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    await azurite.stop();
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await publicKey()).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(warn.mock.calls.filter(([line]) => String(line).startsWith('[settings]'))).toHaveLength(1);
    await azurite.start();
    await sleep(1_000); // The first backoff.
    await publicKey(); // Starts the refresh in the background, and is served the stale settings.
    await vi.waitFor(() =>
      expect(info).toHaveBeenCalledWith(expect.stringMatching(/^\[settings\].*answers again/)),
    );
    expect((await publicKey()).status).toBe(200);
    expect(await getServices()).toBe(services);
  }, 30_000);

  it('answer 503 PortalSTS0010 with Retry-After and the error document when nothing is cached', async () => {
    local();
    await azurite.stop();
    const first = await timed(publicKey());
    expectErrorDocument(first.value as HandlerResult, 'PortalSTS0010', '5');
    const second = await timed(publicKey());
    expectErrorDocument(second.value as HandlerResult, 'PortalSTS0010', '5');
    report('endpoint: 503 PortalSTS0010, Azurite stopped (ms)', first.ms);
    report('endpoint: 503 PortalSTS0010 during the backoff (ms)', second.ms);
    await azurite.start();
    await sleep(1_000);
    expect((await publicKey()).status).toBe(200);
  }, 30_000);

  it('answer 503 at once when BACKEND_STALE_IF_ERROR_SECONDS is 0, even with settings cached', async () => {
    local();
    vi.stubEnv('BACKEND_STALE_IF_ERROR_SECONDS', '0');
    expect((await publicKey()).status).toBe(200);
    await azurite.stop();
    expectErrorDocument(await publicKey(), 'PortalSTS0010', '5');
  }, 30_000);

  it('answer 503 PortalSTS0011 with Retry-After when Key Vault is down and nothing is cached', async () => {
    const name = `endpoint-${randomBytes(3).toString('hex')}`;
    const admin = new CertificateClient(vault.url, new DefaultAzureCredential());
    const cert = makeCertificate();
    await admin.importCertificate(name, toPkcs12(cert.certPem, cert.keyPem));
    configure({ CERTIFICATE_SOURCE: 'keyvault', KEY_VAULT_URL: vault.url, DEFAULT_CERTIFICATE_NAME: name });
    await vault.stop();
    const down = await timed(publicKey());
    expectErrorDocument(down.value as HandlerResult, 'PortalSTS0011', '30');
    report('endpoint: 503 PortalSTS0011, vault stopped (ms)', down.ms);
    await vault.restart();
    await sleep(1_000);
    const recovered = await publicKey();
    expect(recovered.status).toBe(200);
    expect(recovered.body).toBe(createPublicKey(cert.privateKey).export({ type: 'spki', format: 'pem' }));
  }, 30_000);
});
