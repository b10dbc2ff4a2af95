import type { KeyObject, X509Certificate } from 'node:crypto';
import { StsError } from '../errors/sts-error.js';
import { readPemBundle } from './pem-bundle.js';
import { readPkcs12Lazily } from './read-certificate-file.js';

/**
 * The key in a certificate's secret that belongs to the certificate (undefined when none does).
 * Key Vault stores application/x-pkcs12 secrets as base64 PFX without a password, PEM ones as text.
 * An unreadable secret is PortalSTS0014; the log detail names the problem, never the secret.
 */
export async function privateKeyFromSecret(
  certificate: X509Certificate,
  value: string,
  contentType: string | undefined,
  what: string,
): Promise<KeyObject | undefined> {
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
