import { X509Certificate } from 'node:crypto';
import { StsError } from '../errors/sts-error.js';
import { keyVaultSigner } from '../keys/keyvault-signer.js';
import type { SignLimiter } from '../keys/sign-limiter.js';
import type { BackendLog } from '../resilience/resilient-cache.js';
import type { DefaultResolvingStore } from './caching-certificate-store.js';
import { connectKeyVault } from './keyvault-clients.js';
import { findThumbprint, isUsable, keepsKeyInVault, time, versionInfo } from './keyvault-properties.js';
import { privateKeyFromSecret } from './read-certificate-file.js';
import {
  type CertificateVersionInfo,
  createRemoteSigningKey,
  createSigningKey,
  type SigningKey,
} from './signing-key.js';
import { certificateThumbprint } from './thumbprint.js';

export interface KeyVaultCertificateStoreOptions {
  vaultUrl: string;
  /** DEFAULT_CERTIFICATE_NAME: its latest usable version is the default certificate. */
  defaultName: string;
  log?: BackendLog | undefined;
  /** KEYVAULT_SIGN_TIMEOUT_MS: per remote signature, waiting in line included. */
  signTimeoutMs?: number | undefined;
  /** Bounds the remote signatures in flight; one per instance (the default) is shared by every key. */
  signLimiter?: SignLimiter | undefined;
}

/** Where a thumbprint is: a version of a named certificate. */
type CertificateVersion = { name: string } & Pick<CertificateVersionInfo, 'version' | 'thumbprint'>;

/**
 * One deadline for everything a get() or resolveDefaultThumbprint() does (a search may list every
 * certificate's versions, then read the certificate and its secret): the SDK retries inside it,
 * and a hung vault must cost a sign-in at most 10 s, not 10 s per call.
 */
const deadline = () => AbortSignal.timeout(10_000);

/**
 * Signing certificates from Azure Key Vault (CERTIFICATE_SOURCE=keyvault). A certificate is found
 * by thumbprint among the current versions and then among older versions (a site may still name
 * a renewed certificate's previous thumbprint). Its private key comes from the certificate's
 * secret, PKCS#12 or PEM, unless the policy keeps the key in the vault (not exportable, or an HSM
 * key type): then every signature is a Key Vault `sign` call (shared/keys/keyvault-signer.ts).
 * No caching of keys here: see caching-certificate-store.ts.
 */
export class KeyVaultCertificateStore implements DefaultResolvingStore {
  readonly #options: KeyVaultCertificateStoreOptions;
  readonly #vault: ReturnType<typeof connectKeyVault>;
  /** Where each thumbprint was last found, so a re-fetch skips the search. */
  readonly #locations = new Map<string, CertificateVersion>();

  constructor(options: KeyVaultCertificateStoreOptions) {
    this.#options = options;
    this.#vault = connectKeyVault(options.vaultUrl);
  }

  async get(thumbprint: string | undefined): Promise<SigningKey> {
    const abortSignal = deadline();
    const location =
      thumbprint === undefined
        ? await this.#resolveDefault(abortSignal)
        : (this.#locations.get(thumbprint) ?? (await this.#find(thumbprint, abortSignal)));
    try {
      return await this.#load(location, abortSignal);
    } catch (error) {
      this.#locations.delete(location.thumbprint);
      throw error;
    }
  }

  /** Every version of a named certificate, oldest first (the caching wrapper bounds how often). */
  async versions(name: string, abortSignal = deadline()): Promise<CertificateVersionInfo[]> {
    const all = await this.#vault.call(`listing versions of ${name}`, async ({ certificates }) => {
      const found: CertificateVersionInfo[] = [];
      for await (const p of certificates.listPropertiesOfCertificateVersions(name, { abortSignal })) {
        const info = versionInfo(p);
        if (info) found.push(info);
      }
      return found;
    });
    if (all.length === 0) {
      throw new StsError('PortalSTS0018', { detail: `Key Vault certificate ${name} has no version` });
    }
    for (const v of all)
      this.#locations.set(v.thumbprint, { name, version: v.version, thumbprint: v.thumbprint });
    return all.sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime());
  }

  /** The default certificate's current thumbprint, for the caching wrapper's periodic re-check. */
  async resolveDefaultThumbprint(): Promise<string> {
    return (await this.#resolveDefault(deadline())).thumbprint;
  }

  async #resolveDefault(abortSignal: AbortSignal): Promise<CertificateVersion> {
    const name = this.#options.defaultName;
    const latest = (await this.versions(name, abortSignal))
      .filter((version) => isUsable(version))
      // Newest first; versions created in the same second fall back to the later validity start.
      .sort((a, b) => time(b.createdOn) - time(a.createdOn) || time(b.notBefore) - time(a.notBefore))[0];
    if (!latest) {
      throw new StsError('PortalSTS0018', {
        detail: `Key Vault certificate ${name} (DEFAULT_CERTIFICATE_NAME) has no enabled, unexpired version`,
      });
    }
    return { name, version: latest.version, thumbprint: latest.thumbprint };
  }

  async #find(thumbprint: string, abortSignal: AbortSignal): Promise<CertificateVersion> {
    const found = await this.#vault.call(`searching for ${thumbprint}`, ({ certificates }) =>
      findThumbprint(certificates, thumbprint, new Date(), abortSignal),
    );
    if (found === undefined || found === 'unusable') {
      const why = found ? 'only in disabled or expired versions' : 'not in any certificate version';
      throw new StsError('PortalSTS0018', { detail: `thumbprint ${thumbprint} is ${why} in Key Vault` });
    }
    const location = { ...found, thumbprint };
    this.#locations.set(thumbprint, location);
    return location;
  }

  async #load(
    { name, version, thumbprint }: CertificateVersion,
    abortSignal: AbortSignal,
  ): Promise<SigningKey> {
    const what = `certificate ${name}/${version}`;
    // Independent reads, in parallel: a cold start waits for one round trip to the vault, not two.
    const [bundle, policy] = await Promise.all([
      this.#vault.call(`reading ${what}`, ({ certificates }) =>
        certificates.getCertificateVersion(name, version, { abortSignal }),
      ),
      this.#vault.call(`reading the policy of ${name}`, ({ certificates }) =>
        certificates.getCertificatePolicy(name, { abortSignal }),
      ),
    ]);
    if (!bundle.cer || !bundle.secretId)
      throw new StsError('PortalSTS0014', { detail: `${what} has no certificate or secret` });
    const certificate = new X509Certificate(bundle.cer);
    if (certificateThumbprint(certificate) !== thumbprint) {
      throw new StsError('PortalSTS0018', { detail: `${what} no longer has thumbprint ${thumbprint}` });
    }
    if (keepsKeyInVault(policy)) {
      const keyId = bundle.keyId;
      if (!keyId) throw new StsError('PortalSTS0014', { detail: `${what} has no key id` });
      const { credential } = await this.#vault.open();
      this.#options.log?.(
        'info',
        `loaded ${what} (${thumbprint}): its key stays in Key Vault and signs there`,
      );
      return createRemoteSigningKey(certificate, (alg) =>
        keyVaultSigner({
          keyId,
          alg,
          credential,
          limiter: this.#options.signLimiter,
          timeoutMs: this.#options.signTimeoutMs,
          what,
        }),
      );
    }
    const secret = await this.#vault.call(
      `reading the secret of ${what}`,
      async ({ secrets, parseSecretId }) => {
        const id = parseSecretId(bundle.secretId ?? '');
        return secrets.getSecret(id.name, { abortSignal, version: id.version });
      },
    );
    const privateKey = await privateKeyFromSecret(certificate, secret, what);
    this.#options.log?.('info', `loaded signing ${what} (${thumbprint})`);
    return createSigningKey(certificate, privateKey);
  }
}
