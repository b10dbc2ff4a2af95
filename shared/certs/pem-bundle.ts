import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import type { CertificateContents } from './certificate-contents.js';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;
// PKCS#8, PKCS#1 (RSA) and SEC1 (EC); node:crypto detects which from the PEM label.
const PRIVATE_KEY_LABELS = new Set([
  'PRIVATE KEY',
  'RSA PRIVATE KEY',
  'EC PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
]);

/**
 * Reads a PEM bundle (certificate and private key in one file, as Key Vault stores PEM secrets
 * and as `openssl pkcs12 -nodes` writes). Other blocks (parameters, CSRs) are ignored.
 */
export function readPemBundle(text: string, password?: string): CertificateContents {
  const certificates: X509Certificate[] = [];
  const privateKeys: KeyObject[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const [block, label = ''] = match;
    if (label === 'CERTIFICATE') certificates.push(new X509Certificate(block));
    else if (PRIVATE_KEY_LABELS.has(label)) {
      privateKeys.push(
        createPrivateKey(password === undefined ? block : { key: block, passphrase: password }),
      );
    }
  }
  if (certificates.length === 0) throw new Error('no CERTIFICATE block in the PEM text');
  return { certificates, privateKeys };
}
