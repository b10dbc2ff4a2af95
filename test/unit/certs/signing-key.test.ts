import { createHash, createPublicKey, sign, verify, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSelfSignedCertificate } from '../../../dev/dev-certificate.js';
import { createSigningKey } from '../../../shared/certs/signing-key.js';
import { StsError } from '../../../shared/errors/sts-error.js';
import { keys, makeCertificate } from '../../support/test-certificates.js';

function errorId(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof StsError ? error.id : `not an StsError: ${String(error)}`;
  }
  return undefined;
}

function certificateFor(privateKey: ReturnType<typeof keys.p384>) {
  return new X509Certificate(
    buildSelfSignedCertificate({
      privateKey,
      commonName: 'x',
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 86_400_000),
    }),
  );
}

describe('createSigningKey', () => {
  it('builds an RS256 key with thumbprint, x5t kid and SPKI PEM', () => {
    const cert = makeCertificate();
    const certificate = new X509Certificate(cert.certPem);
    const key = createSigningKey(certificate, cert.privateKey);
    const sha1 = createHash('sha1').update(certificate.raw).digest();
    expect(key.thumbprint).toBe(sha1.toString('hex').toUpperCase());
    expect(key.kid).toBe(sha1.toString('base64url'));
    expect(key.alg).toBe('RS256');
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const signature = sign('sha256', Buffer.from('data'), key.privateKey);
    expect(verify('sha256', Buffer.from('data'), createPublicKey(key.publicKeyPem), signature)).toBe(true);
  });

  it('builds an ES256 key for EC P-256', () => {
    const cert = makeCertificate({ keyType: 'ec' });
    expect(createSigningKey(new X509Certificate(cert.certPem), cert.privateKey).alg).toBe('ES256');
  });

  it.each([
    ['RSA under 2048 bits', keys.rsa1024],
    ['EC P-384', keys.p384],
  ])('refuses %s with PortalSTS0014', (_, makeKey) => {
    const privateKey = makeKey();
    expect(errorId(() => createSigningKey(certificateFor(privateKey), privateKey))).toBe('PortalSTS0014');
  });

  it('refuses an Ed25519 key with PortalSTS0014', () => {
    const cert = makeCertificate();
    expect(errorId(() => createSigningKey(new X509Certificate(cert.certPem), keys.ed25519()))).toBe(
      'PortalSTS0014',
    );
  });

  it('refuses a private key that is not the certificate’s, and a missing key', () => {
    const cert = makeCertificate();
    const other = makeCertificate();
    expect(errorId(() => createSigningKey(new X509Certificate(cert.certPem), other.privateKey))).toBe(
      'PortalSTS0014',
    );
    expect(errorId(() => createSigningKey(new X509Certificate(cert.certPem), undefined))).toBe(
      'PortalSTS0014',
    );
  });
});
