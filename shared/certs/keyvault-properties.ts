import type {
  CertificateClient,
  CertificatePolicy,
  CertificateProperties,
} from '@azure/keyvault-certificates';
import type { CertificateVersionInfo } from './signing-key.js';

/** Disabled, expired and not-yet-valid versions are never signed with. */
export function isUsable(
  properties: Pick<CertificateProperties, 'enabled' | 'expiresOn' | 'notBefore'>,
  now = new Date(),
): boolean {
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

/**
 * Where a thumbprint is in a vault: the first enabled, unexpired version with it. Every
 * certificate's current version comes in one listing, so those are searched first, then the older
 * versions of each. The service's store and the CLI's checks both search this way, so what the CLI
 * finds, the service finds. 'unusable' when the thumbprint is only in versions that cannot sign.
 */
export async function findThumbprint(
  certificates: CertificateClient,
  thumbprint: string,
  now: Date,
  abortSignal?: AbortSignal,
): Promise<{ name: string; version: string } | 'unusable' | undefined> {
  let unusable = false;
  const check = (properties: CertificateProperties) => {
    if (thumbprintOf(properties) !== thumbprint || !properties.name || !properties.version) return undefined;
    if (isUsable(properties, now)) return { name: properties.name, version: properties.version };
    unusable = true;
    return undefined;
  };
  const names: string[] = [];
  for await (const properties of certificates.listPropertiesOfCertificates({ abortSignal })) {
    const match = check(properties);
    if (match) return match;
    if (properties.name) names.push(properties.name);
  }
  for (const name of names) {
    for await (const properties of certificates.listPropertiesOfCertificateVersions(name, { abortSignal })) {
      const match = check(properties);
      if (match) return match;
    }
  }
  return unusable ? 'unusable' : undefined;
}
