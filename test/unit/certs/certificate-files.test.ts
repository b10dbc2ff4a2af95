import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateThumbprint } from '../../../shared/certs/create-signing-key.js';
import { Pkcs12PasswordError, readPkcs12 } from '../../../shared/certs/pkcs12.js';
import { readCertificateBytes } from '../../../shared/certs/read-certificate-file.js';
import { toLegacyPkcs12, toPkcs12 } from '../../support/pkcs12-builder.js';
import { makeCertificate } from '../../support/test-certificates.js';

const rsa = makeCertificate();
const ec = makeCertificate({ keyType: 'ec' });

describe('PKCS#12', () => {
  it.each([
    ['no password', undefined],
    ['a password', 'correct horse'],
    ['a non-ASCII password', 'pässwörd'],
  ])('reads an RSA PFX with %s', (_, password) => {
    const pair = readCertificateBytes(toPkcs12(rsa.certPem, rsa.keyPem, password), password);
    expect(certificateThumbprint(pair.certificate)).toBe(rsa.thumbprint);
    expect(pair.privateKey && pair.certificate.checkPrivateKey(pair.privateKey)).toBe(true);
  });

  it('reads an EC PFX (which forge alone cannot)', () => {
    const pair = readCertificateBytes(toPkcs12(ec.certPem, ec.keyPem, 'pw'), 'pw');
    expect(certificateThumbprint(pair.certificate)).toBe(ec.thumbprint);
    expect(pair.privateKey?.asymmetricKeyType).toBe('ec');
  });

  it('treats a password-less PFX opened with the empty password as the same file', () => {
    expect(readPkcs12(toPkcs12(rsa.certPem, rsa.keyPem), '').privateKeys).toHaveLength(1);
  });

  it('reports a wrong or missing password as Pkcs12PasswordError', () => {
    const pfx = toPkcs12(rsa.certPem, rsa.keyPem, 'right');
    expect(() => readPkcs12(pfx, 'wrong')).toThrow(Pkcs12PasswordError);
    expect(() => readPkcs12(pfx)).toThrow(Pkcs12PasswordError);
  });

  it.each([
    ['with a SHA-1 MAC', true],
    ['without a MAC', false],
  ])('reads a 3DES PFX (legacy PKCS#12 encryption) %s', (_, mac) => {
    const pfx = toLegacyPkcs12(rsa.keyPem, rsa.certPem, 'pässwörd', { mac });
    const pair = readCertificateBytes(pfx, 'pässwörd');
    expect(certificateThumbprint(pair.certificate)).toBe(rsa.thumbprint);
    expect(pair.privateKey && pair.certificate.checkPrivateKey(pair.privateKey)).toBe(true);
    expect(() => readPkcs12(pfx, 'passwörd')).toThrow(Pkcs12PasswordError);
  });

  it('reports a tampered PFX as a MAC failure, before decrypting anything', () => {
    const pfx = toPkcs12(rsa.certPem, rsa.keyPem, 'right');
    // The certificate's DER sits in clear inside the authenticated content: change one byte of it.
    const at = pfx.indexOf(Buffer.from(rsa.certPem.split('\n')[1] ?? '', 'base64').subarray(0, 24));
    expect(at).toBeGreaterThan(0);
    pfx[at + 20] = (pfx[at + 20] ?? 0) ^ 1;
    expect(() => readPkcs12(pfx, 'right')).toThrow(Pkcs12PasswordError);
  });

  it('refuses a PFX with no certificate, and bytes that are not a PFX', () => {
    expect(() => readPkcs12(toLegacyPkcs12(rsa.keyPem, undefined, 'pw'), 'pw')).toThrow(
      'the PKCS#12 file holds no certificate',
    );
    expect(() => readPkcs12(Buffer.from('not a pfx'), 'pw')).toThrow('the file is not a PKCS#12 (PFX) file');
  });

  it('picks the certificate that matches the key when the PFX holds others', () => {
    // A PEM bundle with the CA-like extra certificate first: the pairing must skip it.
    const pair = readCertificateBytes(Buffer.from(`${ec.certPem}${rsa.certPem}${rsa.keyPem}`));
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
  ])('reads %s', (_, text, expected) => {
    const pair = readCertificateBytes(Buffer.from(text));
    expect(certificateThumbprint(pair.certificate)).toBe(expected.thumbprint);
    expect(pair.privateKey?.export({ type: 'pkcs8', format: 'pem' })).toBe(pkcs8(expected.keyPem));
  });

  it('returns no key when the bundle has only a certificate', () => {
    expect(readCertificateBytes(Buffer.from(rsa.certPem)).privateKey).toBeUndefined();
  });

  it('rejects text without a certificate', () => {
    expect(() => readCertificateBytes(Buffer.from(rsa.keyPem))).toThrow(/no CERTIFICATE/);
  });
});
