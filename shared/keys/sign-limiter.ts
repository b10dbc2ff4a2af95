import { StsError } from '../errors/sts-error.js';

/** Signatures one instance sends to the vault at once; the rest wait in line. */
const DEFAULT_MAX_SIGNATURES_IN_FLIGHT = 64;

/**
 * Bounds the remote signatures in flight on this instance. Single flight cannot help (every token
 * is different), and an unbounded burst would only meet Key Vault's throttling (about 4,000
 * RSA-2048 signatures per 10 s per vault) or pile sockets onto a slow vault. A caller over the
 * bound waits in line until its own deadline, then gets 503 + Retry-After; local signing never
 * passes through here, so a saturated vault does not slow sites whose keys sign in process.
 */
export class SignLimiter {
  readonly #max: number;
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(maxInFlight = DEFAULT_MAX_SIGNATURES_IN_FLIGHT) {
    this.#max = maxInFlight;
  }

  get inFlight(): number {
    return this.#active;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  /** Runs `task` once a slot is free, or rejects with PortalSTS0011 if `deadline` fires first. */
  async run<T>(deadline: AbortSignal, task: () => Promise<T>): Promise<T> {
    await this.#acquire(deadline);
    try {
      // A slot freed at the very moment this caller's deadline fired: it waited its whole time.
      if (deadline.aborted) throw this.#busy();
      return await task();
    } finally {
      this.#release();
    }
  }

  #acquire(deadline: AbortSignal): Promise<void> {
    if (this.#active < this.#max) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const at = this.#waiting.indexOf(grant);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(this.#busy());
      };
      // The slot of the finishing task passes straight to the next in line (#active unchanged).
      const grant = () => {
        deadline.removeEventListener('abort', onAbort);
        resolve();
      };
      if (deadline.aborted) return onAbort();
      this.#waiting.push(grant);
      deadline.addEventListener('abort', onAbort, { once: true });
    });
  }

  #busy(): StsError {
    return new StsError('PortalSTS0011', {
      detail: `${this.#max} Key Vault signatures were already in flight on this instance and none finished in time`,
      headers: { 'Retry-After': '1' },
    });
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active--;
  }
}
