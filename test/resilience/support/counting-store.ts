import type { DefaultResolvingStore } from '../../../shared/certs/caching-certificate-store.js';
import type { SigningKey } from '../../../shared/certs/signing-key.js';
import { settle } from './fake-backend.js';

/**
 * Wraps a certificate store to count what reaches it (the simulated time of each default
 * re-check, and each key fetch) and to let a test wait for calls running in the background.
 */
export class CountingStore implements DefaultResolvingStore {
  readonly resolveTimes: number[] = [];
  keyFetches = 0;
  readonly #pending = new Set<Promise<unknown>>();

  constructor(
    private readonly inner: Required<DefaultResolvingStore>,
    private readonly clock: { now: number },
  ) {}

  get(thumbprint: string | undefined): Promise<SigningKey> {
    this.keyFetches++;
    return this.#track(this.inner.get(thumbprint));
  }

  resolveDefaultThumbprint(): Promise<string> {
    this.resolveTimes.push(this.clock.now);
    return this.#track(this.inner.resolveDefaultThumbprint());
  }

  /** Waits until no call is running, and the cache has taken in their results. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    await settle();
  }

  #track<T>(call: Promise<T>): Promise<T> {
    const tracked: Promise<unknown> = call
      .catch(() => undefined)
      .finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
    return call;
  }
}
