import { describeCause } from '../http/describe-cause.js';
import { type BackoffPolicy, backoffDelayMs } from './backoff.js';
import { CacheEntries } from './cache-entries.js';

/** BACKEND_STALE_IF_ERROR_SECONDS' default: an hour of a Table or Key Vault outage goes unnoticed by users. */
export const DEFAULT_STALE_IF_ERROR_SECONDS = 3600;

/** Where the cache reports what an operator should see: stale values served, expired, recovered. */
export type BackendLog = (level: 'info' | 'warn' | 'error', message: string) => void;

interface ResilientCacheOptions<K, V> {
  /** Reads a value from the backend. It must bound its own time (a timeout): the cache adds none. */
  load: (key: K) => Promise<V>;
  /** How long a loaded value is served without asking the backend; 0 asks on every get. */
  ttlMs: number;
  /** How long past its TTL the last good value is still served while the backend fails; 0: never. */
  staleIfErrorMs: number;
  backoff: BackoffPolicy;
  /** Names a key in log lines, e.g. "site 'contoso'". */
  describe: (key: K) => string;
  /**
   * What get() rejects with when it has no value to serve: built from the load's error and the
   * time until the backend is asked again (for a Retry-After). Default: the load's error as is.
   */
  failure?: ((cause: unknown, retryInMs: number) => unknown) | undefined;
  /** Bounds the keys that hold a value worth keeping; the least recently used goes first. */
  maxEntries?: number | undefined;
  /**
   * Values that only say a key has nothing (e.g. "no such site"): cached like any value, but
   * counted with the keys that hold no value yet, under maxNegativeEntries.
   */
  isNegative?: ((value: V) => boolean) | undefined;
  /**
   * Bounds the keys with a negative value or none yet (loading, failing); the least recently used
   * goes first. Kept apart from maxEntries so that asking for keys that do not exist never pushes
   * out one that does. Default: maxEntries.
   */
  maxNegativeEntries?: number | undefined;
  now?: (() => number) | undefined;
  log?: BackendLog | undefined;
}

interface Entry<V> {
  good?: { value: V; freshUntil: number; staleUntil: number };
  /** The one load in progress for this key: everyone who must wait shares it. */
  inFlight?: Promise<V>;
  /** Consecutive failed loads; 0 while the backend answers. */
  failures: number;
  /** No load starts before this time (backoff). */
  retryAt: number;
  lastError?: unknown;
}

const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;

/**
 * A per-key cache in front of a backend that may fail or hang:
 * - single flight: however many callers miss at once, one load runs;
 * - stale-if-error: when a refresh fails, the last good value is served for up to staleIfErrorMs
 *   past its TTL, with one warning per failed refresh (not per request);
 * - backoff: after a failure no load starts until the backoff has passed; meanwhile callers get the
 *   stale value, or, with nothing to serve, fail at once (no backend call, no wait);
 * - while the backend is known to be failing, a refresh runs in the background and callers keep
 *   the stale value rather than waiting on a backend that may hang;
 * - recovery: the first load that succeeds replaces the stale value and resets the backoff.
 * No timers: all of it happens on get(), against the injected clock.
 */
export class ResilientCache<K, V> {
  readonly #options: ResilientCacheOptions<K, V>;
  readonly #entries: CacheEntries<K, Entry<V>>;
  readonly #now: () => number;
  readonly #log: BackendLog;

  constructor(options: ResilientCacheOptions<K, V>) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? (() => {});
    const maxKept = options.maxEntries ?? Number.POSITIVE_INFINITY;
    this.#entries = new CacheEntries(maxKept, options.maxNegativeEntries ?? maxKept);
  }

  async get(key: K): Promise<V> {
    const now = this.#now();
    const entry = this.#entry(key);
    const good = this.#usable(key, entry, now);
    if (good && now < good.freshUntil) return good.value;
    // Known to be failing and something to serve: nobody waits for the backend.
    const degraded = good !== undefined && entry.failures > 0;
    if (entry.inFlight) return degraded ? good.value : entry.inFlight;
    if (now < entry.retryAt) {
      if (good) return good.value;
      throw this.#failure(entry.lastError, entry.retryAt - now);
    }
    const refresh = this.#refresh(key, entry);
    return degraded ? good.value : refresh;
  }

  #entry(key: K): Entry<V> {
    let entry = this.#entries.use(key);
    if (entry) return entry;
    entry = { failures: 0, retryAt: 0 };
    this.#entries.add(key, entry);
    return entry;
  }

  /** Files the entry with the kept values or with the others, after its value changed. */
  #place(key: K, entry: Entry<V>): void {
    const good = entry.good;
    const kept = good !== undefined && !(this.#options.isNegative?.(good.value) ?? false);
    this.#entries.place(key, entry, kept);
  }

  /** The last good value if it may still be served; one that is past its stale bound is dropped. */
  #usable(key: K, entry: Entry<V>, now: number): Entry<V>['good'] {
    const good = entry.good;
    if (!good || now < good.staleUntil) return good;
    entry.good = undefined;
    this.#place(key, entry);
    if (entry.failures > 0) {
      this.#log(
        'error',
        `${this.#options.describe(key)}: the last good value is past its stale-if-error bound ` +
          `(${seconds(this.#options.staleIfErrorMs)} after its TTL) and is no longer served`,
      );
    }
    return undefined;
  }

  #goodFrom(value: V, now: number): NonNullable<Entry<V>['good']> {
    const freshUntil = now + this.#options.ttlMs;
    return { value, freshUntil, staleUntil: freshUntil + this.#options.staleIfErrorMs };
  }

  #refresh(key: K, entry: Entry<V>): Promise<V> {
    // Started from a callback so that a load that throws synchronously still counts as in flight
    // until it is settled below.
    const load = Promise.resolve()
      .then(() => this.#options.load(key))
      .then(
        (value) => this.#succeeded(key, entry, value),
        (cause: unknown) => this.#failed(key, entry, cause),
      )
      .finally(() => {
        if (entry.inFlight === load) entry.inFlight = undefined;
      });
    entry.inFlight = load;
    // A background refresh may have no caller awaiting it; its failure is already logged.
    load.catch(() => {});
    return load;
  }

  #succeeded(key: K, entry: Entry<V>, value: V): V {
    if (entry.failures > 0) {
      this.#log(
        'info',
        `${this.#options.describe(key)}: the backend answers again after ${entry.failures} failed attempt(s)`,
      );
    }
    entry.good = this.#goodFrom(value, this.#now());
    this.#place(key, entry);
    entry.failures = 0;
    entry.retryAt = 0;
    entry.lastError = undefined;
    return value;
  }

  #failed(key: K, entry: Entry<V>, cause: unknown): V {
    const now = this.#now();
    entry.failures++;
    const retryInMs = backoffDelayMs(this.#options.backoff, entry.failures);
    entry.retryAt = now + retryInMs;
    entry.lastError = cause;
    const good = this.#usable(key, entry, now);
    if (!good) throw this.#failure(cause, retryInMs);
    this.#log(
      'warn',
      `${this.#options.describe(key)}: refresh failed (${describeCause(cause)}); serving the last good ` +
        `value for at most ${seconds(good.staleUntil - now)} more; next attempt in ${seconds(retryInMs)}`,
    );
    return good.value;
  }

  #failure(cause: unknown, retryInMs: number): unknown {
    return this.#options.failure ? this.#options.failure(cause, retryInMs) : cause;
  }
}
