import { ERROR_CATALOGUE, type ErrorId } from './catalogue.js';

export interface StsErrorOptions {
  /** Internal detail for the log line only; never sent to a client. Must not contain tokens or secrets. */
  detail?: string;
  /** Extra response headers, e.g. Retry-After on a 503. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one error type that handlers throw. The client sees only the id and its localised message;
 * `detail` and `cause` go to the log line of the failure.
 */
export class StsError extends Error {
  readonly id: ErrorId;
  readonly status: number;
  readonly detail: string | undefined;
  readonly headers: Record<string, string>;

  constructor(id: ErrorId, options: StsErrorOptions = {}) {
    super(`${id}: ${options.detail ?? ERROR_CATALOGUE[id].summary}`, { cause: options.cause });
    this.name = 'StsError';
    this.id = id;
    this.status = ERROR_CATALOGUE[id].status;
    this.detail = options.detail;
    this.headers = options.headers ?? {};
  }
}

export function isStsError(value: unknown): value is StsError {
  return value instanceof StsError;
}
