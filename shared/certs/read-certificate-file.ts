import {
  type CertificateContents,
  type CertificateWithKey,
  pairCertificateWithKey,
} from './certificate-contents.js';
import { readPemBundle } from './pem-bundle.js';

/**
 * Reads a certificate file's bytes as PKCS#12 or as a PEM bundle. PEM is recognised by its
 * armour rather than by the file extension or a declared content type, which are sometimes wrong.
 */
export async function readCertificateBytes(
  bytes: Uint8Array,
  password?: string,
): Promise<CertificateWithKey> {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  const contents = head.includes('-----BEGIN ')
    ? readPemBundle(Buffer.from(bytes).toString('utf8'), password || undefined)
    : await readPkcs12Lazily(bytes, password);
  return pairCertificateWithKey(contents);
}

/**
 * The PKCS#12 reader and its ASN.1 and KDF libraries are over a megabyte of code: loaded on the
 * first PFX, not at start-up, so an instance that signs with PEM or remote keys never compiles them.
 */
export async function readPkcs12Lazily(bytes: Uint8Array, password?: string): Promise<CertificateContents> {
  const { readPkcs12 } = await import('./pkcs12.js');
  return await readPkcs12(bytes, password);
}
