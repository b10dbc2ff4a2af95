import type { CertificateClient } from '@azure/keyvault-certificates';
import { findThumbprint } from '../shared/certs/keyvault-properties.js';
import type { OptionSpecs, OptionValues } from './command.js';
import { adminCredential } from './credential.js';
import { notFound, usageError } from './errors.js';
import { optionalString } from './options.js';

export const VAULT_OPTION: OptionSpecs = { vault: { type: 'string' } };

/** --vault, or env KEY_VAULT_URL (the service's own setting), as an https URL; undefined when neither. */
export function vaultUrl(
  values: OptionValues,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const value = optionalString(values, 'vault') ?? (env.KEY_VAULT_URL?.trim() || undefined);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`--vault '${value}' is not a URL`);
  }
  if (url.protocol !== 'https:')
    throw usageError('--vault must be an https URL (https://NAME.vault.azure.net)');
  return url.origin;
}

/** The SDKs load on demand: settings commands never need them. */
export async function openCertificateClient(url: string): Promise<CertificateClient> {
  const { CertificateClient } = await import('@azure/keyvault-certificates');
  // Few retries: an admin waiting at a prompt prefers a clear failure to a minute of silence.
  return new CertificateClient(url, await adminCredential(), {
    retryOptions: { maxRetries: 2, retryDelayInMs: 250, maxRetryDelayInMs: 2_000 },
  });
}

/**
 * The enabled, unexpired certificate version with this thumbprint, searched as the service's
 * Key Vault store searches: what it finds, the service finds.
 */
export async function findInVault(
  client: CertificateClient,
  thumbprint: string,
  now: Date,
): Promise<{ name: string; version: string }> {
  const found = await findThumbprint(client, thumbprint, now);
  if (found !== undefined && found !== 'unusable') return found;
  throw notFound(
    found === 'unusable'
      ? `certificate ${thumbprint} is in the vault only in disabled, expired or not yet valid versions`
      : `certificate ${thumbprint} is not in the vault`,
  );
}
