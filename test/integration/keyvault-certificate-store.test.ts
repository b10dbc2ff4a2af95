import { createPublicKey, sign, verify } from 'node:crypto';
import { DefaultAzureCredential } from '@azure/identity';
import { CertificateClient } from '@azure/keyvault-certificates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateStore } from '../../shared/certs/create-certificate-store.js';
import { KeyVaultCertificateStore } from '../../shared/certs/keyvault-certificate-store.js';
import type { SigningKey } from '../../shared/certs/signing-key.js';
import { StsError } from '../../shared/errors/sts-error.js';
import { type KeyVaultTestServer, startTestVault } from '../support/keyvault-server/index.js';
import { toPkcs12 } from '../support/pkcs12-builder.js';
import { rejectionOf } from '../support/rejection.js';
import { makeCertificate, type TestCertificate } from '../support/test-certificates.js';

let vault: KeyVaultTestServer;
let admin: CertificateClient;

beforeAll(async () => {
  vault = await startTestVault();
  // Seeded through the real SDK, the way an admin (or the admin CLI) imports certificates.
  admin = new CertificateClient(vault.url, new DefaultAzureCredential());
});
afterAll(() => vault.stop());

/*
 * @azure/keyvault-certificates 4.10.3's importCertificate drops `policy` and `enabled` from the
 * request body (its serializer reads `certificatePolicy` and `certificateAttributes`), so the
 * content type is passed under the name the serializer reads, and disabling uses
 * updateCertificateProperties, as an admin would.
 */
async function importPfx(
  name: string,
  cert: TestCertificate,
  options: { password?: string; enabled?: boolean } = {},
) {
  const imported = await admin.importCertificate(
    name,
    toPkcs12(cert.certPem, cert.keyPem, options.password),
    {
      password: options.password,
    },
  );
  if (options.enabled === false) {
    await admin.updateCertificateProperties(name, imported.properties.version ?? '', { enabled: false });
  }
  return imported;
}

function importPem(name: string, cert: TestCertificate) {
  const contentType = 'application/x-pem-file';
  return admin.importCertificate(name, Buffer.from(`${cert.certPem}${cert.keyPem}`), {
    policy: { contentType },
    certificatePolicy: { secretProperties: { contentType } },
  } as Parameters<CertificateClient['importCertificate']>[2]);
}

function newStore(defaultName = 'portal-sts-signing') {
  return new KeyVaultCertificateStore({ vaultUrl: vault.url, defaultName });
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, StsError);

function expectSigns(key: SigningKey) {
  const data = Buffer.from('header.payload');
  if (!key.privateKey) throw new Error(`${key.thumbprint} should sign in process`);
  const signature = sign('sha256', data, key.privateKey);
  expect(verify('sha256', data, createPublicKey(key.publicKeyPem), signature)).toBe(true);
}

describe('KeyVaultCertificateStore with the real SDK and DefaultAzureCredential', () => {
  it('finds a PKCS#12 certificate (imported with a password) by thumbprint', async () => {
    const cert = makeCertificate();
    await importPfx('pfx-cert', cert, { password: 'import-pw' });
    const key = await newStore().get(cert.thumbprint);
    expect(key.thumbprint).toBe(cert.thumbprint);
    expect(key.alg).toBe('RS256');
    expect(key.kid).toBe(Buffer.from(cert.thumbprint, 'hex').toString('base64url'));
    expectSigns(key);
  });

  it('reads an EC P-256 certificate from a PEM secret', async () => {
    const cert = makeCertificate({ keyType: 'ec' });
    await importPem('pem-cert', cert);
    const key = await newStore().get(cert.thumbprint);
    expect(key.alg).toBe('ES256');
    expectSigns(key);
  });

  it("finds a renewed certificate's previous version as well as the current one", async () => {
    const old = makeCertificate();
    const renewed = makeCertificate();
    await importPfx('renewed-cert', old);
    await importPfx('renewed-cert', renewed);
    const store = newStore();
    expect((await store.get(old.thumbprint)).thumbprint).toBe(old.thumbprint);
    expect((await store.get(renewed.thumbprint)).thumbprint).toBe(renewed.thumbprint);
  });

  it('uses the latest enabled, unexpired version of DEFAULT_CERTIFICATE_NAME', async () => {
    const first = makeCertificate();
    const second = makeCertificate({ keyType: 'ec' });
    await importPfx('default-a', first);
    // Key Vault's `created` has one-second resolution: let the second version be visibly newer.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await importPem('default-a', second);
    await importPfx('default-a', makeCertificate(), { enabled: false });
    await importPfx('default-a', makeCertificate({ expired: true }));
    expect((await newStore('default-a').get(undefined)).thumbprint).toBe(second.thumbprint);
  });

  it('never signs with a disabled or expired version, even when asked by thumbprint', async () => {
    const disabled = makeCertificate();
    const expired = makeCertificate({ expired: true });
    await importPfx('unusable-cert', disabled, { enabled: false });
    await importPfx('unusable-cert', expired);
    expect((await failure(newStore().get(disabled.thumbprint))).id).toBe('PortalSTS0018');
    expect((await failure(newStore().get(expired.thumbprint))).id).toBe('PortalSTS0018');
  });

  it('answers PortalSTS0018 for an unknown thumbprint and a missing default certificate', async () => {
    expect((await failure(newStore().get('0'.repeat(40)))).id).toBe('PortalSTS0018');
    expect((await failure(newStore('no-such-certificate').get(undefined))).id).toBe('PortalSTS0018');
  });

  it('answers PortalSTS0011 with Retry-After when the vault fails or is down', async () => {
    const cert = makeCertificate();
    await importPfx('outage-cert', cert);
    vault.failWith(503, 1);
    try {
      const error = await failure(newStore().get(cert.thumbprint));
      expect(error.id).toBe('PortalSTS0011');
      expect(error.headers['Retry-After']).toBe('1');
    } finally {
      vault.failWith(undefined);
    }
    await vault.stop();
    try {
      const error = await failure(newStore().get(cert.thumbprint));
      expect(error.id).toBe('PortalSTS0011');
      expect(Number(error.headers['Retry-After'])).toBeGreaterThan(0);
    } finally {
      await vault.restart();
    }
    expect((await newStore().get(cert.thumbprint)).thumbprint).toBe(cert.thumbprint);
  });
});

describe('createCertificateStore (keyvault) caching', () => {
  const config = (defaultName: string) => ({
    source: 'keyvault' as const,
    keyVaultUrl: vault.url,
    localDir: undefined,
    localPassword: undefined,
    defaultName,
  });

  it('makes no vault call once a key is cached, by thumbprint or as the default', async () => {
    const cert = makeCertificate();
    await importPfx('cached-default', cert);
    const store = createCertificateStore(config('cached-default'));
    await store.get(undefined);
    await store.get(cert.thumbprint);
    vault.resetRequestCounts();
    for (let i = 0; i < 1000; i++) {
      await store.get(cert.thumbprint);
      await store.get(undefined);
    }
    expect(vault.requestCount()).toBe(0);
  });

  it('shares one fetch between concurrent requests for the same thumbprint', async () => {
    const cert = makeCertificate();
    await importPfx('concurrent-cert', cert);
    const store = createCertificateStore(config('portal-sts-signing'));
    vault.resetRequestCounts();
    const keys = await Promise.all(Array.from({ length: 10 }, () => store.get(cert.thumbprint)));
    expect(new Set(keys).size).toBe(1);
    const requests = vault.requests();
    expect(requests['GET /certificates/{name}/{version}']).toBe(1);
    expect(requests['GET /secrets/{name}/{version}']).toBe(1);
  });

  it('retries a failed fetch after the backoff, not on every request', async () => {
    const cert = makeCertificate();
    await importPfx('retry-cert', cert);
    const store = createCertificateStore(config('portal-sts-signing'));
    vault.failWith(500);
    try {
      expect((await failure(store.get(cert.thumbprint))).id).toBe('PortalSTS0011');
    } finally {
      vault.failWith(undefined);
    }
    vault.resetRequestCounts();
    expect((await failure(store.get(cert.thumbprint))).id).toBe('PortalSTS0011');
    expect(vault.requestCount()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the first backoff step is 1 s
    expect((await store.get(cert.thumbprint)).thumbprint).toBe(cert.thumbprint);
  });
});
