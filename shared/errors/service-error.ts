import type { AuthorizeErrorCode } from '../oidc/authorize/authorize-error.js';
import type { BearerErrorCode } from './bearer-error.js';
import type { ErrorId } from './catalogue.js';
import type { OAuthErrorCode } from './oauth-error.js';

/**
 * Every code a failure can carry, one closed list. The last four never reach a client: the code
 * that throws them catches them (or renders them as an unexpected failure).
 */
export type ErrorCode =
  | ErrorId
  | OAuthErrorCode
  | AuthorizeErrorCode
  | BearerErrorCode
  | 'token_inactive'
  | 'rotation_refused'
  | 'pkcs12_password'
  | 'body_too_large';

export interface ServiceErrorOptions {
  /** The HTTP status it is rendered with (500 when not given: an internal failure). */
  status?: number;
  /** Extra response headers, e.g. Retry-After on a 503. */
  headers?: Record<string, string>;
  /** Internal detail for the log line only (redacted there); never sent to a client. */
  detail?: string;
  cause?: unknown;
}

/**
 * The one base of every error thrown in functions/ and shared/ (the shape of jose's JOSEError).
 * Subclasses exist only where the rendering differs: StsError (the Power Pages error document),
 * OAuthError (RFC 6749 5.2 JSON), BearerError (RFC 6750 challenge) and AuthorizeError (a page, or
 * the client's verified redirect URI). A plain ServiceError is internal: an endpoint renders it as
 * an unexpected failure, never with its code or message.
 */
export class ServiceError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** The code (and a fixed description) may be sent to the client. */
  readonly exposable: boolean;
  /** It may be sent to the client's redirect URI, once that URI is verified. */
  readonly redirectable: boolean;
  readonly detail: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: ServiceErrorOptions & { exposable?: boolean; redirectable?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
    this.exposable = options.exposable ?? false;
    this.redirectable = options.redirectable ?? false;
    this.detail = options.detail;
    this.headers = options.headers ?? {};
  }
}
