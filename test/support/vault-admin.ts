import { DefaultAzureCredential } from '@azure/identity';
import { CertificateClient } from '@azure/keyvault-certificates';
import type { KeyType } from './keyvault-server/vault-data.js';
import type { TestCertificate } from './test-certificates.js';

export interface ImportOptions {
  /** false: the key stays in the vault (the secret holds the certificate only). */
  exportable?: boolean;
  kty?: KeyType;
  enabled?: boolean;
}

/**
 * Imports certificates into a test vault through the real SDK, as an admin (or the postprovision
 * hook) would. The SDK's importCertificate serializes `certificatePolicy` (not `policy`), so the
 * policy goes under that name; disabling uses updateCertificateProperties, as an admin would.
 */
export function vaultAdmin(vaultUrl: string) {
  const client = new CertificateClient(vaultUrl, new DefaultAzureCredential());
  return {
    client,
    async importCertificate(name: string, cert: TestCertificate, options: ImportOptions = {}) {
      const contentType = 'application/x-pem-file';
      const imported = await client.importCertificate(name, Buffer.from(`${cert.certPem}${cert.keyPem}`), {
        policy: { contentType },
        certificatePolicy: {
          secretProperties: { contentType },
          keyProperties: { exportable: options.exportable ?? true, keyType: options.kty },
        },
      } as Parameters<CertificateClient['importCertificate']>[2]);
      const version = imported.properties.version ?? '';
      if (options.enabled === false)
        await client.updateCertificateProperties(name, version, { enabled: false });
      return version;
    },
    setEnabled(name: string, version: string, enabled: boolean) {
      return client.updateCertificateProperties(name, version, { enabled });
    },
  };
}
