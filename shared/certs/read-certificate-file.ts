import { type CertificateWithKey, pairCertificateWithKey } from './certificate-contents.js';
import { readPemBundle } from './pem-bundle.js';
import { readPkcs12 } from './pkcs12.js';

/**
 * Reads a certificate file's bytes as PKCS#12 or as a PEM bundle. PEM is recognised by its
 * armour rather than by the file extension or a declared content type, which are sometimes wrong.
 */
export function readCertificateBytes(bytes: Uint8Array, password?: string): CertificateWithKey {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  const contents = head.includes('-----BEGIN ')
    ? readPemBundle(Buffer.from(bytes).toString('utf8'), password || undefined)
    : readPkcs12(bytes, password);
  return pairCertificateWithKey(contents);
}
