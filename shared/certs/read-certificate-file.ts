import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import type { KeyVaultSecret } from '@azure/keyvault-secrets';
import { StsError } from '../errors/sts-error.js';

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
 * The key in a Key Vault certificate's secret that belongs to the certificate (undefined when none
 * does). Key Vault stores application/x-pkcs12 secrets as base64 PFX without a password, PEM ones
 * as text. An unreadable secret is PortalSTS0014; the log detail names the problem, never the secret.
 */
export async function privateKeyFromSecret(
  certificate: X509Certificate,
  { value, properties: { contentType } }: KeyVaultSecret,
  what: string,
): Promise<KeyObject | undefined> {
  if (!value) throw new StsError('PortalSTS0014', { detail: `the secret of ${what} is empty` });
  let keys: KeyObject[];
  try {
    const isPem =
      contentType === 'application/x-pem-file' || (!contentType && value.startsWith('-----BEGIN'));
    keys = (isPem ? readPemBundle(value) : await readPkcs12Lazily(Buffer.from(value, 'base64'))).privateKeys;
  } catch (error) {
    throw new StsError('PortalSTS0014', {
      detail: `the secret of ${what} (${contentType ?? 'no content type'}) cannot be read: ${(error as Error).message}`,
      cause: error,
    });
  }
  return keys.find((key) => certificate.checkPrivateKey(key));
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

/**
 * The PKCS#12 reader and its ASN.1 and KDF libraries are over a megabyte of code: loaded on the
 * first PFX, not at start-up, so an instance that signs with PEM or remote keys never compiles them.
 */
async function readPkcs12Lazily(bytes: Uint8Array, password?: string): Promise<CertificateContents> {
  const { readPkcs12 } = await import('./pkcs12.js');
  return await readPkcs12(bytes, password);
}

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
