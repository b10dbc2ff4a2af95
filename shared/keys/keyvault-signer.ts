import type { TokenCredential } from '@azure/identity';
import type { CryptographyClient } from '@azure/keyvault-keys';
import { toCertificateStoreError } from '../certs/keyvault-clients.js';
import type { RemoteSigner, SigningAlgorithm } from '../certs/signing-key.js';
import { StsError } from '../errors/sts-error.js';
import { SignLimiter } from './sign-limiter.js';

/** KEYVAULT_SIGN_TIMEOUT_MS' default: the most one remote signature may take, waiting in line included. */
const DEFAULT_SIGN_TIMEOUT_MS = 5_000;
/** Bounds the remote signatures in flight: one per instance, shared by every key. */
const sharedLimiter = new SignLimiter();

export interface KeyVaultSignerOptions {
  /** The versioned key id of the certificate (`https://<vault>/keys/<name>/<version>`). */
  keyId: string;
  alg: SigningAlgorithm;
  credential: TokenCredential;
  limiter?: SignLimiter | undefined;
  timeoutMs?: number | undefined;
  /** Names the key in errors ("certificate name/version"). */
  what: string;
}

/**
 * No SDK retries: a throttled vault (429) answers with its own Retry-After, which the client is
 * given at once as a 503 (PortalSTS0011) instead of the service holding the request while the SDK
 * sleeps through it; a timed-out or failed call is the same 503. Browsers and APIs retry a token
 * request cheaply, and retrying inside the service would only add load to a vault that is already
 * at its limit.
 */
const CLIENT_OPTIONS = { retryOptions: { maxRetries: 0 } };

/**
 * Signs with Key Vault's `sign` operation (keys/{name}/{version}/sign) over the SHA-256 digest:
 * one call per signature once warm. The SDK reads the key's public part once, on the first
 * signature, and keeps it. Every signature has one deadline (timeoutMs) covering its wait for a
 * slot in the limiter and the call itself.
 */
export function keyVaultSigner(options: KeyVaultSignerOptions): RemoteSigner {
  const { limiter = sharedLimiter, timeoutMs = DEFAULT_SIGN_TIMEOUT_MS } = options;
  let client: Promise<CryptographyClient> | undefined;
  const open = () => {
    client ??= import('@azure/keyvault-keys').then(
      (sdk) => new sdk.CryptographyClient(options.keyId, options.credential, CLIENT_OPTIONS),
    );
    return client;
  };
  return {
    sign(digest: Buffer): Promise<Buffer> {
      const deadline = AbortSignal.timeout(timeoutMs);
      return limiter.run(deadline, async () => {
        let signature: Uint8Array;
        try {
          const result = await (await open()).sign(options.alg, digest, { abortSignal: deadline });
          signature = result.result;
        } catch (error) {
          throw toCertificateStoreError(
            deadline.aborted ? Object.assign(new Error('timed out'), { name: 'AbortError' }) : error,
            `signing with ${options.what} in Key Vault`,
          );
        }
        // JWS ES256 is r || s, 32 bytes each; Key Vault answers in that form (not DER).
        if (options.alg === 'ES256' && signature.length !== 64) {
          throw new StsError('PortalSTS0014', {
            detail: `Key Vault returned a ${signature.length}-byte ES256 signature for ${options.what}; 64 expected`,
          });
        }
        return Buffer.from(signature);
      });
    },
  };
}
