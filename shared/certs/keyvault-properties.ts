import type { CertificatePolicy, CertificateProperties } from '@azure/keyvault-certificates';
import type { CertificateVersionInfo } from './signing-key.js';

/** Disabled, expired and not-yet-valid versions are never signed with. */
export function isUsable(
  properties: Pick<CertificateProperties, 'enabled' | 'expiresOn' | 'notBefore'>,
): boolean {
  const now = new Date();
  if (properties.enabled === false) return false;
  if (properties.expiresOn && properties.expiresOn <= now) return false;
  return !(properties.notBefore && properties.notBefore > now);
}

export const time = (date: Date | undefined) => date?.getTime() ?? 0;

export function thumbprintOf(properties: CertificateProperties): string | undefined {
  return properties.x509Thumbprint
    ? Buffer.from(properties.x509Thumbprint).toString('hex').toUpperCase()
    : undefined;
}

/** A listed version as rotation by name reads it; undefined for an entry without version or thumbprint. */
export function versionInfo(properties: CertificateProperties): CertificateVersionInfo | undefined {
  const thumbprint = thumbprintOf(properties);
  if (!properties.version || !thumbprint) return undefined;
  return {
    version: properties.version,
    thumbprint,
    enabled: properties.enabled !== false,
    createdOn: properties.createdOn ?? new Date(0),
    notBefore: properties.notBefore,
    expiresOn: properties.expiresOn,
  };
}

/**
 * A key that is not exportable (or lives in an HSM) cannot be read from the certificate's secret:
 * Key Vault keeps only the certificate there. Such a certificate signs through the vault.
 */
export function keepsKeyInVault(policy: CertificatePolicy): boolean {
  return policy.exportable === false || (policy.keyType?.endsWith('-HSM') ?? false);
}
