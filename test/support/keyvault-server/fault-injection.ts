import type { ServerResponse } from 'node:http';
import { sendError } from './http-json.js';

/**
 * The outages a test can put the vault into: every call failing with one status (optionally with
 * Retry-After), or every call accepted and never answered until the hang is lifted.
 */
export class FaultInjection {
  #failure: { status: number; retryAfter?: number } | undefined;
  #hanging = false;
  readonly #hung = new Set<ServerResponse>();

  /** Whether a vault call is now answered by `answer` instead of by the vault. */
  get active(): boolean {
    return this.#hanging || this.#failure !== undefined;
  }

  /** Every vault call answers `status` (with Retry-After if given) until called with undefined. */
  failWith(status: number | undefined, retryAfter?: number): void {
    this.#failure = status === undefined ? undefined : { status, ...(retryAfter ? { retryAfter } : {}) };
  }

  /**
   * While true, every vault call is accepted and never answered (a vault that hangs); false
   * answers the waiting calls with 503 and restores normal answers.
   */
  hang(on: boolean): void {
    this.#hanging = on;
    if (on) return;
    for (const response of this.#hung) sendError(response, 503, 'ServiceUnavailable', 'was hung');
    this.#hung.clear();
  }

  /** Answers a call as the current fault does: a hang wins over an injected failure. */
  answer(response: ServerResponse): void {
    if (this.#hanging) {
      this.#hung.add(response);
      return;
    }
    if (!this.#failure) return;
    const { status, retryAfter } = this.#failure;
    sendError(
      response,
      status,
      'ServiceUnavailable',
      'injected failure',
      retryAfter ? { 'retry-after': String(retryAfter) } : {},
    );
  }
}
