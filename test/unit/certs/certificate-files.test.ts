import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readPkcs12 } from '../../../shared/certs/pkcs12.js';
import { Pkcs12PasswordError } from '../../../shared/certs/pkcs12-password-error.js';
import { readCertificateBytes } from '../../../shared/certs/read-certificate-file.js';
import { certificateThumbprint } from '../../../shared/certs/thumbprint.js';
import { toLegacyPkcs12, toPkcs12 } from '../../support/pkcs12-builder.js';
import { makeCertificate } from '../../support/test-certificates.js';

const rsa = makeCertificate();
const ec = makeCertificate({ keyType: 'ec' });

describe('PKCS#12', () => {
  it.each([
    ['no password', undefined],
    ['a password', 'correct horse'],
    ['a non-ASCII password', 'pässwörd'],
  ])('reads an RSA PFX with %s', async (_, password) => {
    const pair = await readCertificateBytes(toPkcs12(rsa.certPem, rsa.keyPem, password), password);
    expect(certificateThumbprint(pair.certificate)).toBe(rsa.thumbprint);
    expect(pair.privateKey && pair.certificate.checkPrivateKey(pair.privateKey)).toBe(true);
  });

  it('reads an EC PFX (which forge alone cannot)', async () => {
    const pair = await readCertificateBytes(toPkcs12(ec.certPem, ec.keyPem, 'pw'), 'pw');
    expect(certificateThumbprint(pair.certificate)).toBe(ec.thumbprint);
    expect(pair.privateKey?.asymmetricKeyType).toBe('ec');
  });

  it('treats a password-less PFX opened with the empty password as the same file', async () => {
    expect((await readPkcs12(toPkcs12(rsa.certPem, rsa.keyPem), '')).privateKeys).toHaveLength(1);
  });

  it('reports a wrong or missing password as Pkcs12PasswordError', async () => {
    const pfx = toPkcs12(rsa.certPem, rsa.keyPem, 'right');
    await expect(readPkcs12(pfx, 'wrong')).rejects.toThrow(Pkcs12PasswordError);
    await expect(readPkcs12(pfx)).rejects.toThrow(Pkcs12PasswordError);
  });

  it.each([
    ['with a SHA-1 MAC', true],
    ['without a MAC', false],
  ])('reads a 3DES PFX (legacy PKCS#12 encryption) %s', async (_, mac) => {
    const pfx = toLegacyPkcs12(rsa.keyPem, rsa.certPem, 'pässwörd', { mac });
    const pair = await readCertificateBytes(pfx, 'pässwörd');
    expect(certificateThumbprint(pair.certificate)).toBe(rsa.thumbprint);
    expect(pair.privateKey && pair.certificate.checkPrivateKey(pair.privateKey)).toBe(true);
    await expect(readPkcs12(pfx, 'passwörd')).rejects.toThrow(Pkcs12PasswordError);
  });

  it('reads a legacy RC2-40 PFX (openssl pkcs12 -export -legacy, as old Windows writes)', async () => {
    // Made once with OpenSSL 3.0 and its legacy provider; the key is a throwaway test key.
    const pfx = await readFile(new URL('../../fixtures/legacy-rc2.pfx', import.meta.url));
    const pair = await readCertificateBytes(pfx, 'legacy');
    expect(certificateThumbprint(pair.certificate)).toBe('EA3BAC7FDB5E4B1B43422A56CF3C782A4BE65429');
    expect(pair.privateKey && pair.certificate.checkPrivateKey(pair.privateKey)).toBe(true);
    await expect(readPkcs12(pfx, 'Legacy')).rejects.toThrow(Pkcs12PasswordError);
  });

  it('reports a tampered PFX as a MAC failure, before decrypting anything', async () => {
    const pfx = toPkcs12(rsa.certPem, rsa.keyPem, 'right');
    // The certificate's DER sits in clear inside the authenticated content: change one byte of it.
    const at = pfx.indexOf(Buffer.from(rsa.certPem.split('\n')[1] ?? '', 'base64').subarray(0, 24));
    expect(at).toBeGreaterThan(0);
    pfx[at + 20] = (pfx[at + 20] ?? 0) ^ 1;
    await expect(readPkcs12(pfx, 'right')).rejects.toThrow(Pkcs12PasswordError);
  });

  it('refuses a PFX with no certificate, and bytes that are not a PFX', async () => {
    await expect(readPkcs12(toLegacyPkcs12(rsa.keyPem, undefined, 'pw'), 'pw')).rejects.toThrow(
      'the PKCS#12 file holds no certificate',
    );
    await expect(readPkcs12(Buffer.from('not a pfx'), 'pw')).rejects.toThrow(
      'the file is not a PKCS#12 (PFX) file',
    );
  });

  it('picks the certificate that matches the key when the PFX holds others', async () => {
    // A PEM bundle with the CA-like extra certificate first: the pairing must skip it.
    const pair = await readCertificateBytes(Buffer.from(`${ec.certPem}${rsa.certPem}${rsa.keyPem}`));
    expect(certificateThumbprint(pair.certificate)).toBe(rsa.thumbprint);
  });
});

describe('PEM bundles', () => {
  const pkcs1 = createPrivateKey(rsa.keyPem).export({ type: 'pkcs1', format: 'pem' }).toString();
  const sec1 = createPrivateKey(ec.keyPem).export({ type: 'sec1', format: 'pem' }).toString();
  const pkcs8 = (pem: string) => createPrivateKey(pem).export({ type: 'pkcs8', format: 'pem' });
  it.each([
    ['PKCS#8 RSA', rsa.certPem + rsa.keyPem, rsa],
    ['PKCS#1 RSA, key first', pkcs1 + rsa.certPem, rsa],
    ['SEC1 EC', ec.certPem + sec1, ec],
  ])('reads %s', async (_, text, expected) => {
    const pair = await readCertificateBytes(Buffer.from(text));
    expect(certificateThumbprint(pair.certificate)).toBe(expected.thumbprint);
    expect(pair.privateKey?.export({ type: 'pkcs8', format: 'pem' })).toBe(pkcs8(expected.keyPem));
  });

  it('returns no key when the bundle has only a certificate', async () => {
    expect((await readCertificateBytes(Buffer.from(rsa.certPem))).privateKey).toBeUndefined();
  });

  it('rejects text without a certificate', async () => {
    await expect(readCertificateBytes(Buffer.from(rsa.keyPem))).rejects.toThrow(/no CERTIFICATE/);
  });
});
