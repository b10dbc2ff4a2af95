import type { AppConfig } from '../config.js';
import { StsError } from '../errors/sts-error.js';
import type { BackendLog } from '../resilience/resilient-cache.js';
import { CachingCertificateStore, type CachingOptions } from './caching-certificate-store.js';
import { KeyVaultCertificateStore } from './keyvault-certificate-store.js';
import { LocalCertificateStore } from './local-certificate-store.js';
import type { CertificateStore } from './signing-key.js';

/**
 * The certificate store the app settings ask for (Key Vault or a local folder), wrapped in the
 * process-wide cache. Create one per process and share it.
 */
export function createCertificateStore(
  config: AppConfig['certificates'],
  log?: BackendLog,
  caching: Omit<CachingOptions, 'log'> = {},
): CertificateStore {
  const inner =
    config.source === 'local'
      ? new LocalCertificateStore({
          dir: required(config.localDir, 'LOCAL_CERTIFICATES_DIR'),
          password: config.localPassword,
          defaultName: config.defaultName,
          log,
        })
      : new KeyVaultCertificateStore({
          vaultUrl: required(config.keyVaultUrl, 'KEY_VAULT_URL'),
          defaultName: config.defaultName,
          signTimeoutMs: config.signTimeoutMs,
          log,
        });
  return new CachingCertificateStore(inner, {
    versionsTtlSeconds: config.versionsTtlSeconds,
    ...caching,
    log,
  });
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new StsError('PortalSTS0012', { detail: `${name} is required for CERTIFICATE_SOURCE` });
  return value;
}
