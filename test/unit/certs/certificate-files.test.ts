import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateThumbprint } from '../../../shared/certs/create-signing-key.js';
import { toPkcs12 } from '../../../shared/certs/dev-certificate.js';
import { Pkcs12PasswordError, readPkcs12 } from '../../../shared/certs/pkcs12.js';
import { readCertificateBytes } from '../../../shared/certs/read-certificate-file.js';
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
