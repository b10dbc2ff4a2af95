import type { TokenCredential } from '@azure/identity';

/**
 * DefaultAzureCredential for an admin at a prompt: az login, azd, AZURE_* variables, or a managed
 * identity (Cloud Shell, a VM). The managed-identity endpoint is retried once rather than five
 * times with back-off, so "not signed in" is said in seconds, not after half a minute.
 */
export async function adminCredential(): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential({ retryOptions: { maxRetries: 1, retryDelayInMs: 200 } });
}
