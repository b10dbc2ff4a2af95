import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevCertificate } from '../../dev/dev-certificate.js';
import { createCertificateStore } from '../../shared/certs/create-certificate-store.js';
import { LocalCertificateStore } from '../../shared/certs/local-certificate-store.js';
import { StsError } from '../../shared/errors/sts-error.js';
import { toPkcs12 } from '../support/pkcs12-builder.js';
import { makeCertificate } from '../support/test-certificates.js';

let dir: string;
const warnings: string[] = [];
const plain = makeCertificate();
const protectedCert = makeCertificate();
const ecPem = makeCertificate({ keyType: 'ec' });
const wrongPassword = makeCertificate();
let defaultThumbprint: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portal-sts-local-certs-'));
  await writeFile(join(dir, 'plain.pfx'), toPkcs12(plain.certPem, plain.keyPem));
  await writeFile(
    join(dir, 'protected.pfx'),
    toPkcs12(protectedCert.certPem, protectedCert.keyPem, 'local-pw'),
  );
  await writeFile(join(dir, 'ec.pem'), ecPem.certPem + ecPem.keyPem);
  await writeFile(
    join(dir, 'other-password.pfx'),
    toPkcs12(wrongPassword.certPem, wrongPassword.keyPem, 'not-it'),
  );
  await writeFile(join(dir, 'broken.pfx'), Buffer.from('not a certificate'));
  await writeFile(join(dir, 'notes.txt'), 'ignored');
  defaultThumbprint = (await createDevCertificate({ dir, name: 'portal-sts-signing' })).thumbprint;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const store = () =>
  new LocalCertificateStore({
    dir,
    password: 'local-pw',
    defaultName: 'portal-sts-signing',
    log: (_, m) => warnings.push(m),
  });

async function errorId(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof StsError ? error.id : `not an StsError: ${String(error)}`;
}

describe('LocalCertificateStore', () => {
  it('finds PFX files with no password and with LOCAL_CERTIFICATES_PASSWORD, and PEM bundles', async () => {
    expect((await store().get(plain.thumbprint)).alg).toBe('RS256');
    expect((await store().get(protectedCert.thumbprint)).thumbprint).toBe(protectedCert.thumbprint);
    expect((await store().get(ecPem.thumbprint)).alg).toBe('ES256');
  });

  it('uses <DEFAULT_CERTIFICATE_NAME>.pem as the default certificate', async () => {
    expect((await store().get(undefined)).thumbprint).toBe(defaultThumbprint);
  });

  it('skips unreadable files with a warning instead of failing', async () => {
    warnings.length = 0;
    expect(await errorId(store().get(wrongPassword.thumbprint))).toBe('PortalSTS0018');
    expect(warnings.some((w) => w.includes('broken.pfx'))).toBe(true);
    expect(warnings.some((w) => w.includes('other-password.pfx') && /password/.test(w))).toBe(true);
  });

  it('answers PortalSTS0018 for an unknown thumbprint or missing default, PortalSTS0011 for a missing folder', async () => {
    expect(await errorId(store().get('F'.repeat(40)))).toBe('PortalSTS0018');
    const noDefault = new LocalCertificateStore({ dir, defaultName: 'absent' });
    expect(await errorId(noDefault.get(undefined))).toBe('PortalSTS0018');
    const missing = new LocalCertificateStore({ dir: join(dir, 'nope'), defaultName: 'x' });
    expect(await errorId(missing.get(undefined))).toBe('PortalSTS0011');
  });

  it('is cached by createCertificateStore: one key object per thumbprint', async () => {
    const cached = createCertificateStore({
      source: 'local',
      keyVaultUrl: undefined,
      localDir: dir,
      localPassword: 'local-pw',
      defaultName: 'portal-sts-signing',
    });
    const a = await cached.get(undefined);
    const b = await cached.get(defaultThumbprint);
    expect(a).toBe(b);
  });
});
