import { X509Certificate } from 'node:crypto';
import { DefaultAzureCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateStore } from '../../shared/certs/create-certificate-store.js';
import { KeyVaultCertificateStore } from '../../shared/certs/keyvault-certificate-store.js';
import { StsError } from '../../shared/errors/sts-error.js';
import { SignLimiter } from '../../shared/keys/sign-limiter.js';
import { signToken } from '../../shared/token/sign-token.js';
import { type KeyVaultTestServer, startTestVault } from '../support/keyvault-server/index.js';
import { rejectionOf } from '../support/rejection.js';
import { makeCertificate } from '../support/test-certificates.js';
import { vaultAdmin } from '../support/vault-admin.js';

let vault: KeyVaultTestServer;
let admin: ReturnType<typeof vaultAdmin>;

beforeAll(async () => {
  vault = await startTestVault();
  admin = vaultAdmin(vault.url);
});
afterAll(() => vault.stop());
afterEach(() => {
  vault.failWith(undefined);
  vault.hang(false);
});

const claims = () => ({ sub: 'ada-0001', aud: 'demo-app', iat: Math.floor(Date.now() / 1000) });

function cachedStore(options: { signTimeoutMs?: number } = {}) {
  return createCertificateStore({
    source: 'keyvault',
    keyVaultUrl: vault.url,
    localDir: undefined,
    localPassword: undefined,
    defaultName: 'portal-sts-signing',
    ...options,
  });
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, StsError);

describe('a certificate whose key is not exportable signs in Key Vault', () => {
  it('RS256: the secret holds no key, yet the token verifies against the certificate', async () => {
    const cert = makeCertificate();
    await admin.importCertificate('remote-rsa', cert, { exportable: false });
    const secret = await new SecretClient(vault.url, new DefaultAzureCredential()).getSecret('remote-rsa');
    expect(secret.value).not.toContain('PRIVATE KEY');

    const key = await cachedStore().get(cert.thumbprint);
    expect(key.privateKey).toBeUndefined();
    expect(key.alg).toBe('RS256');
    const token = await signToken(claims(), key);
    expect(decodeProtectedHeader(token)).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      kid: Buffer.from(cert.thumbprint, 'hex').toString('base64url'),
    });
    const { payload } = await jwtVerify(token, new X509Certificate(cert.certPem).publicKey);
    expect(payload.sub).toBe('ada-0001');
  });

  it('ES256 with an EC-HSM key: Key Vault answers r || s, which JWS validators accept', async () => {
    const cert = makeCertificate({ keyType: 'ec' });
    await admin.importCertificate('remote-ec-hsm', cert, { kty: 'EC-HSM' });
    const key = await cachedStore().get(cert.thumbprint);
    expect(key.remote).toBeDefined();
    const token = await signToken(claims(), key);
    expect(Buffer.from(token.split('.')[2] ?? '', 'base64url')).toHaveLength(64);
    await jwtVerify(token, new X509Certificate(cert.certPem).publicKey, { algorithms: ['ES256'] });
  });

  it('an exportable certificate still signs in process, with no vault call per token', async () => {
    const cert = makeCertificate();
    await admin.importCertificate('local-rsa', cert);
    const store = cachedStore();
    const key = await store.get(cert.thumbprint);
    expect(key.privateKey).toBeDefined();
    vault.resetRequestCounts();
    await signToken(claims(), await store.get(cert.thumbprint));
    expect(vault.requestCount()).toBe(0);
  });

  it('a warm token costs exactly one Key Vault call: the sign operation', async () => {
    const cert = makeCertificate();
    await admin.importCertificate('warm-count', cert, { exportable: false });
    const store = cachedStore();
    await signToken(claims(), await store.get(cert.thumbprint)); // cold: certificate, policy, key
    vault.resetRequestCounts();
    for (let i = 0; i < 20; i++) await signToken(claims(), await store.get(cert.thumbprint));
    expect(vault.requests()).toEqual({ 'POST /keys/{name}/{version}/sign': 20 });
  });
});

describe('the limits of remote signing', () => {
  it("a throttled vault (429) is PortalSTS0011 with Key Vault's own Retry-After, without SDK retries", async () => {
    const cert = makeCertificate();
    await admin.importCertificate('throttled', cert, { exportable: false });
    const store = cachedStore();
    const key = await store.get(cert.thumbprint);
    await signToken(claims(), key);
    vault.failWith(429, 7);
    vault.resetRequestCounts();
    const started = Date.now();
    const error = await failure(signToken(claims(), key));
    expect(error.id).toBe('PortalSTS0011');
    expect(error.headers['Retry-After']).toBe('7');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(vault.requests()).toEqual({ 'POST /keys/{name}/{version}/sign': 1 });
  });

  it('a hung vault is cut off at the sign timeout with PortalSTS0011; an in-process key is unaffected', async () => {
    const remote = makeCertificate();
    const local = makeCertificate();
    await admin.importCertificate('hung-remote', remote, { exportable: false });
    await admin.importCertificate('hung-local', local);
    const store = cachedStore({ signTimeoutMs: 500 });
    const remoteKey = await store.get(remote.thumbprint);
    const localKey = await store.get(local.thumbprint);
    await signToken(claims(), remoteKey);
    vault.hang(true);
    const started = Date.now();
    const pending = failure(signToken(claims(), remoteKey));
    // While the remote signature waits on the hung vault, the in-process key signs at once.
    const localStarted = Date.now();
    await signToken(claims(), await store.get(local.thumbprint));
    await signToken(claims(), localKey);
    expect(Date.now() - localStarted).toBeLessThan(200);
    const error = await pending;
    const waited = Date.now() - started;
    expect(error.id).toBe('PortalSTS0011');
    expect(Number(error.headers['Retry-After'])).toBeGreaterThan(0);
    expect(waited).toBeGreaterThanOrEqual(450);
    expect(waited).toBeLessThan(2_000);
  });

  it('bounds the signatures in flight: the rest wait in line; all get 503 + Retry-After at the deadline', async () => {
    const cert = makeCertificate();
    await admin.importCertificate('bounded', cert, { exportable: false });
    const limiter = new SignLimiter(2);
    const store = new KeyVaultCertificateStore({
      vaultUrl: vault.url,
      defaultName: 'portal-sts-signing',
      signTimeoutMs: 1_500,
      signLimiter: limiter,
    });
    const key = await store.get(cert.thumbprint);
    await signToken(claims(), key);
    vault.hang(true);
    vault.resetRequestCounts();
    const results = Array.from({ length: 5 }, () => failure(signToken(claims(), key)));
    // Two calls wait on the vault; three wait in line without a socket.
    await expect.poll(() => vault.requestCount(), { timeout: 1_000 }).toBe(2);
    expect([limiter.inFlight, limiter.queued]).toEqual([2, 3]);
    expect(vault.requests()).toEqual({ 'POST /keys/{name}/{version}/sign': 2 });
    const errors = await Promise.all(results);
    expect(errors.map((e) => e.id)).toEqual(Array(5).fill('PortalSTS0011'));
    expect(errors.every((e) => Number(e.headers['Retry-After']) > 0)).toBe(true);
    expect([limiter.inFlight, limiter.queued]).toEqual([0, 0]);
  });
});
