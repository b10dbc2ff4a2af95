import type { TokenCredential } from '@azure/identity';
import type { CertificateClient } from '@azure/keyvault-certificates';
import type { SecretClient } from '@azure/keyvault-secrets';

export interface KeyVaultClients {
  credential: TokenCredential;
  certificates: CertificateClient;
  secrets: SecretClient;
  parseSecretId: (id: string) => { name: string; version?: string | undefined };
}

/**
 * The certificate and secret clients of one vault. The SDKs are imported here, on first use, so a
 * cold start with CERTIFICATE_SOURCE=local never loads them. Few, quick retries: the store's
 * per-get deadline bounds the total, and the caller answers 503 + Retry-After.
 */
export async function createKeyVaultClients(vaultUrl: string): Promise<KeyVaultClients> {
  const [certificatesSdk, secretsSdk] = await Promise.all([
    import('@azure/keyvault-certificates'),
    import('@azure/keyvault-secrets'),
  ]);
  // DefaultAzureCredential: the managed identity in Azure.
  const identity = new (await import('@azure/identity')).DefaultAzureCredential();
  const options = { retryOptions: { maxRetries: 2, retryDelayInMs: 250, maxRetryDelayInMs: 2_000 } };
  return {
    credential: identity,
    certificates: new certificatesSdk.CertificateClient(vaultUrl, identity, options),
    secrets: new secretsSdk.SecretClient(vaultUrl, identity, options),
    parseSecretId: secretsSdk.parseKeyVaultSecretIdentifier,
  };
}
