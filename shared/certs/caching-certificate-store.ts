import type { CertificateStore, SigningKey } from './signing-key.js';
import { type CertificateStoreLog, silentLog } from './store-log.js';

/** A store that can say which thumbprint is the default without loading its key. */
export interface DefaultResolvingStore extends CertificateStore {
  resolveDefaultThumbprint?(): Promise<string>;
}

export interface CachingOptions {
  /** How long the default certificate's name -> thumbprint answer is trusted. */
  defaultRecheckMs?: number;
  /** After a failed re-check, how long the previous default is kept before trying again. */
  failedRecheckBackoffMs?: number;
  log?: CertificateStoreLog | undefined;
  now?: () => number;
}

const TEN_MINUTES_MS = 10 * 60_000;
const ONE_MINUTE_MS = 60_000;

/**
 * Keeps SigningKeys for the life of the process: a thumbprint names one certificate forever, so
 * a key fetched by thumbprint never goes stale, and steady state makes no store call at all.
 * Only "which certificate is the default" can change (a renewal), so that answer is re-checked
 * every 10 minutes. Concurrent requests for the same key share one fetch; a failed fetch is not
 * kept, so the next request tries again.
 */
export class CachingCertificateStore implements CertificateStore {
  readonly #inner: DefaultResolvingStore;
  readonly #keys = new Map<string, Promise<SigningKey>>();
  readonly #recheckMs: number;
  readonly #backoffMs: number;
  readonly #log: CertificateStoreLog;
  readonly #now: () => number;
  #default: { thumbprint: string; recheckAt: number } | undefined;
  #defaultInFlight: Promise<string> | undefined;

  constructor(inner: DefaultResolvingStore, options: CachingOptions = {}) {
    this.#inner = inner;
    this.#recheckMs = options.defaultRecheckMs ?? TEN_MINUTES_MS;
    this.#backoffMs = options.failedRecheckBackoffMs ?? ONE_MINUTE_MS;
    this.#log = options.log ?? silentLog;
    this.#now = options.now ?? Date.now;
  }

  async get(thumbprint: string | undefined): Promise<SigningKey> {
    if (thumbprint !== undefined) return this.#byThumbprint(thumbprint, () => this.#inner.get(thumbprint));
    const current = this.#default;
    if (current && this.#now() < current.recheckAt) {
      return this.#byThumbprint(current.thumbprint, () => this.#inner.get(current.thumbprint));
    }
    const defaultThumbprint = await this.#resolveDefault();
    return this.#byThumbprint(defaultThumbprint, () => this.#inner.get(defaultThumbprint));
  }

  #byThumbprint(thumbprint: string, fetch: () => Promise<SigningKey>): Promise<SigningKey> {
    let key = this.#keys.get(thumbprint);
    if (!key) {
      key = fetch();
      this.#keys.set(thumbprint, key);
      const fetched = key;
      fetched.catch(() => {
        if (this.#keys.get(thumbprint) === fetched) this.#keys.delete(thumbprint);
      });
    }
    return key;
  }

  /** One re-check at a time; while it fails, the previous default keeps being served. */
  #resolveDefault(): Promise<string> {
    this.#defaultInFlight ??= this.#fetchDefaultThumbprint().finally(() => {
      this.#defaultInFlight = undefined;
    });
    return this.#defaultInFlight;
  }

  async #fetchDefaultThumbprint(): Promise<string> {
    const previous = this.#default;
    try {
      let thumbprint: string;
      if (this.#inner.resolveDefaultThumbprint) thumbprint = await this.#inner.resolveDefaultThumbprint();
      else {
        // A store that cannot resolve cheaply loads the key; keep it rather than fetch it twice.
        const key = await this.#inner.get(undefined);
        thumbprint = key.thumbprint;
        if (!this.#keys.has(thumbprint)) this.#keys.set(thumbprint, Promise.resolve(key));
      }
      if (previous && previous.thumbprint !== thumbprint) {
        this.#log(
          'info',
          `the default signing certificate changed from ${previous.thumbprint} to ${thumbprint}`,
        );
      }
      this.#default = { thumbprint, recheckAt: this.#now() + this.#recheckMs };
      return thumbprint;
    } catch (error) {
      if (!previous) throw error;
      this.#log(
        'warn',
        `re-checking the default signing certificate failed; keeping ${previous.thumbprint}: ${(error as Error).message}`,
      );
      this.#default = { thumbprint: previous.thumbprint, recheckAt: this.#now() + this.#backoffMs };
      return previous.thumbprint;
    }
  }
}
