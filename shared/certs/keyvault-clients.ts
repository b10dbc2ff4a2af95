import type { TokenCredential } from '@azure/identity';
import type { CertificateClient } from '@azure/keyvault-certificates';
import type { SecretClient } from '@azure/keyvault-secrets';
import { StsError } from '../errors/sts-error.js';

export interface KeyVaultClients {
  credential: TokenCredential;
  certificates: CertificateClient;
  secrets: SecretClient;
  parseSecretId: (id: string) => { name: string; version?: string | undefined };
}

/**
 * One vault's clients, created on first use (and again after a failed creation), and `call`, which
 * runs a request with them and turns what it throws into the service's error.
 */
export function connectKeyVault(vaultUrl: string) {
  let clients: Promise<KeyVaultClients> | undefined;
  const open = (): Promise<KeyVaultClients> => {
    clients ??= createClients(vaultUrl);
    clients.catch(() => {
      clients = undefined;
    });
    return clients;
  };
  return {
    open,
    async call<T>(what: string, call: (clients: KeyVaultClients) => Promise<T>): Promise<T> {
      try {
        return await call(await open());
      } catch (error) {
        throw toCertificateStoreError(error, what);
      }
    },
  };
}

/**
 * The SDKs are imported here, on first use, so a cold start with CERTIFICATE_SOURCE=local never
 * loads them. Few, quick retries: the store's per-get deadline bounds the total, and the caller
 * answers 503 + Retry-After.
 */
async function createClients(vaultUrl: string): Promise<KeyVaultClients> {
  const [certificatesSdk, secretsSdk] = await Promise.all([
    import('@azure/keyvault-certificates'),
    import('@azure/keyvault-secrets'),
  ]);
  // DefaultAzureCredential: the managed identity in Azure.
  const credential = new (await import('@azure/identity')).DefaultAzureCredential();
  const options = { retryOptions: { maxRetries: 2, retryDelayInMs: 250, maxRetryDelayInMs: 2_000 } };
  return {
    credential,
    certificates: new certificatesSdk.CertificateClient(vaultUrl, credential, options),
    secrets: new secretsSdk.SecretClient(vaultUrl, credential, options),
    parseSecretId: secretsSdk.parseKeyVaultSecretIdentifier,
  };
}

/** Seconds a client is told to wait when Key Vault is unreachable and says nothing itself. */
const DEFAULT_RETRY_AFTER_SECONDS = 30;
const MAX_RETRY_AFTER_SECONDS = 300;

interface RestErrorLike {
  name?: string;
  statusCode?: number;
  code?: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

/** Key Vault's Retry-After (seconds or an HTTP date), bounded, or the default. */
function retryAfterSeconds(error: RestErrorLike): number {
  const header = error.response?.headers?.get('retry-after');
  if (!header) return DEFAULT_RETRY_AFTER_SECONDS;
  const seconds = /^\d+$/.test(header) ? Number(header) : Math.ceil((Date.parse(header) - Date.now()) / 1000);
  return Number.isFinite(seconds) && seconds > 0
    ? Math.min(seconds, MAX_RETRY_AFTER_SECONDS)
    : DEFAULT_RETRY_AFTER_SECONDS;
}

/**
 * Turns what the Key Vault SDK or the credential threw into the service's errors: 404 means the
 * certificate is not there (PortalSTS0018); everything else (network, timeout, 401/403, 429, 5xx,
 * a credential that cannot get a token) means the store cannot be reached (PortalSTS0011), with a
 * Retry-After for the 503 the client gets. `what` says which call failed, for the log line.
 */
export function toCertificateStoreError(error: unknown, what: string): StsError {
  if (error instanceof StsError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as RestErrorLike;
  if (e.statusCode === 404) {
    return new StsError('PortalSTS0018', { detail: `${what}: not found in Key Vault`, cause: error });
  }
  let reason: string;
  if (e.statusCode !== undefined) reason = `HTTP ${e.statusCode}${e.code ? ` ${e.code}` : ''}`;
  else if (e.name === 'AbortError') reason = 'timed out';
  else if (
    e.name === 'AuthenticationError' ||
    e.name === 'CredentialUnavailableError' ||
    e.name === 'AggregateAuthenticationError'
  ) {
    reason = `no token (${e.name})`;
  } else reason = e.code ?? e.name ?? 'unknown error';
  return new StsError('PortalSTS0011', {
    detail: `${what}: Key Vault could not be reached (${reason})`,
    headers: { 'Retry-After': String(retryAfterSeconds(e)) },
    cause: error,
  });
}
