import { ServiceError } from './service-error.js';

/** RFC 6750 3.1 codes, and `no_token` for a request that sent no token (a bare challenge). */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope' | 'no_token';

const STATUS: Record<BearerErrorCode, number> = {
  invalid_request: 400,
  invalid_token: 401,
  insufficient_scope: 403,
  no_token: 401,
};

/**
 * A protected resource's refusal (RFC 6750 3), rendered with `WWW-Authenticate: Bearer` by
 * shared/oidc/bearer-challenge.ts. `challenge` adds parameters such as the scope needed.
 */
export class BearerError extends ServiceError {
  declare readonly code: BearerErrorCode;
  readonly description: string | undefined;
  readonly challenge: Record<string, string>;

  constructor(
    code: BearerErrorCode = 'no_token',
    description?: string,
    challenge: Record<string, string> = {},
  ) {
    super(code, `${code}: ${description ?? ''}`, { status: STATUS[code], exposable: true });
    this.description = description;
    this.challenge = challenge;
  }
}
