import { StsError } from '../errors/sts-error.js';
import { DEFAULT_BACKOFF } from '../resilience/backoff.js';
import {
  type BackendLog,
  DEFAULT_STALE_IF_ERROR_SECONDS,
  ResilientCache,
} from '../resilience/resilient-cache.js';
import type { CertificateStore, CertificateVersionInfo, SigningKey } from './signing-key.js';

/**
 * The store the cache wraps: it says which thumbprint is the default without loading its key, and
 * lists a named certificate's versions if it can (a local folder cannot).
 */
export interface DefaultResolvingStore extends Pick<CertificateStore, 'get'> {
  versions?: CertificateStore['versions'];
  resolveDefaultThumbprint(): Promise<string>;
}

export interface CachingOptions {
  /** While re-checks fail, how long past their TTL the previous answers are still used. */
  staleIfErrorSeconds?: number | undefined;
  /** CERTIFICATE_VERSIONS_TTL_SECONDS: how long a named certificate's version list is trusted. */
  versionsTtlSeconds?: number | undefined;
  log?: BackendLog | undefined;
  now?: (() => number) | undefined;
}

const TEN_MINUTES_MS = 10 * 60_000;
const DEFAULT_VERSIONS_TTL_SECONDS = 300;
const DEFAULT_KEY = 'default';

/**
 * Keeps SigningKeys for the life of the process: a thumbprint names one certificate forever, so
 * a key fetched by thumbprint never goes stale, and steady state makes no store call at all.
 * Concurrent requests for the same key share one fetch; a failed fetch is retried with backoff
 * (1 s, 2 s, ... 30 s), its error answered at once in between. Only "which certificate is the
 * default" can change (a renewal): that answer is re-checked every 10 minutes, and while re-checks
 * fail the previous default is kept for a bounded time with backoff between attempts
 * (shared/resilience/resilient-cache.ts).
 */
export class CachingCertificateStore implements CertificateStore {
  readonly #inner: DefaultResolvingStore;
  readonly #log: BackendLog | undefined;
  readonly #keys: ResilientCache<string, SigningKey>;
  readonly #default: ResilientCache<typeof DEFAULT_KEY, string>;
  readonly #versions: ResilientCache<string, CertificateVersionInfo[]>;
  #lastDefault: string | undefined;

  constructor(inner: DefaultResolvingStore, options: CachingOptions = {}) {
    this.#inner = inner;
    this.#log = options.log;
    // Every cache spaces its retries while loads fail (Key Vault throttles) and reports to one log.
    const common = { backoff: DEFAULT_BACKOFF, now: options.now ?? Date.now, log: options.log };
    const staleIfErrorMs = (options.staleIfErrorSeconds ?? DEFAULT_STALE_IF_ERROR_SECONDS) * 1000;
    this.#keys = new ResilientCache({
      load: (thumbprint) => inner.get(thumbprint),
      ttlMs: Number.POSITIVE_INFINITY,
      staleIfErrorMs: 0,
      // A failed fetch (the vault down, or a thumbprint no certificate has) is retried after a
      // growing pause, not on every request: Key Vault throttles, and a misconfigured site must
      // not turn each token request into vault calls.
      ...common,
      describe: (thumbprint) => `signing certificate ${thumbprint}`,
    });
    this.#default = new ResilientCache({
      load: () => this.#fetchDefaultThumbprint(),
      ttlMs: TEN_MINUTES_MS,
      staleIfErrorMs,
      ...common,
      describe: () => 'the default signing certificate',
    });
    this.#versions = new ResilientCache({
      load: (name) => {
        if (!inner.versions) {
          throw new StsError('PortalSTS0018', {
            detail: `this certificate store cannot list versions of ${name}`,
          });
        }
        return inner.versions(name);
      },
      ttlMs: (options.versionsTtlSeconds ?? DEFAULT_VERSIONS_TTL_SECONDS) * 1000,
      staleIfErrorMs,
      ...common,
      describe: (name) => `the versions of certificate ${name}`,
      maxEntries: 1_000,
    });
  }

  /**
   * A named certificate's versions: one list call per name per TTL on this instance (0: every
   * call), with the same stale-if-error and backoff rules as the default certificate.
   */
  versions(name: string): Promise<CertificateVersionInfo[]> {
    return this.#versions.get(name);
  }

  async get(thumbprint: string | undefined): Promise<SigningKey> {
    return this.#keys.get(thumbprint ?? (await this.#default.get(DEFAULT_KEY)));
  }

  async #fetchDefaultThumbprint(): Promise<string> {
    const thumbprint = await this.#inner.resolveDefaultThumbprint();
    const previous = this.#lastDefault;
    if (previous && previous !== thumbprint) {
      this.#log?.('info', `the default signing certificate changed from ${previous} to ${thumbprint}`);
    }
    this.#lastDefault = thumbprint;
    return thumbprint;
  }
}
