import { createHash, type X509Certificate } from 'node:crypto';

/**
 * Thumbprints as admins paste them: any case, with spaces or colons, and often with invisible
 * marks (U+200E and friends) that Windows certificate dialogs add. We compare the bare hex.
 */
const INVISIBLE_OR_SEPARATOR = /[\s:\p{Cf}]/gu;
const SHA1_HEX = /^[0-9A-F]{40}$/;

/** Uppercase 40-digit hex, or undefined when the input is not a SHA-1 thumbprint. */
export function normalizeThumbprint(input: string): string | undefined {
  const bare = input.replace(INVISIBLE_OR_SEPARATOR, '').toUpperCase();
  return SHA1_HEX.test(bare) ? bare : undefined;
}

/** Uppercase hex SHA-1 of the certificate's DER: what Windows and Key Vault show as its thumbprint. */
export function certificateThumbprint(certificate: X509Certificate): string {
  return createHash('sha1').update(certificate.raw).digest('hex').toUpperCase();
}
