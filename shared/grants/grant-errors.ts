/**
 * Why a code or refresh token was refused. The endpoint answers every reason with the same
 * `invalid_grant` (RFC 6749 5.2); the reason goes to the log line only.
 */
export type InvalidGrantReason =
  | 'malformed'
  | 'unknown'
  | 'expired'
  | 'reused'
  | 'other-client'
  | 'other-redirect-uri'
  | 'verifier';

/**
 * A presented code or refresh token that cannot be used. For a reused authorization code,
 * `reusedCode` says whose it was, so the caller can revoke what that code produced.
 */
export class InvalidGrantError extends Error {
  constructor(
    readonly reason: InvalidGrantReason,
    detail: string,
    readonly reusedCode?: { siteId: string; userId: string; codeId: string },
  ) {
    super(detail);
    this.name = 'InvalidGrantError';
  }
}

/**
 * Table storage could not be reached (or answered 5xx, or too slowly). Nothing the caller asked
 * for has been done, or it has been undone; the client may retry (503 + Retry-After).
 */
export class GrantStoreUnavailableError extends Error {
  constructor(operation: string, cause: unknown) {
    super(`grant store: ${operation} failed`, { cause });
    this.name = 'GrantStoreUnavailableError';
  }
}
