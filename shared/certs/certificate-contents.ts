import type { KeyObject, X509Certificate } from 'node:crypto';

/** What a PFX or PEM bundle holds: any number of certificates (leaf and chain) and private keys. */
export interface CertificateContents {
  certificates: X509Certificate[];
  privateKeys: KeyObject[];
}

/** The leaf certificate of a bundle and the private key that belongs to it, if the bundle has one. */
export interface CertificateWithKey {
  certificate: X509Certificate;
  privateKey: KeyObject | undefined;
}

/**
 * Picks the certificate that matches a private key: a PFX exported with its chain holds the CA
 * certificates too, in no guaranteed order, so "the first certificate" would sometimes be the CA.
 * Without a matching key the first certificate is returned, so the caller can say which
 * certificate lacks its key.
 */
export function pairCertificateWithKey(contents: CertificateContents): CertificateWithKey {
  for (const certificate of contents.certificates) {
    const privateKey = contents.privateKeys.find((key) => certificate.checkPrivateKey(key));
    if (privateKey) return { certificate, privateKey };
  }
  const first = contents.certificates[0];
  if (!first) throw new Error('the file holds no certificate');
  return { certificate: first, privateKey: undefined };
}
