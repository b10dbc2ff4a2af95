import { ERROR_CATALOGUE } from './catalogue.js';
import { ServiceError, type ServiceErrorOptions } from './service-error.js';
import { StsError } from './sts-error.js';

/** RFC 6749 5.2: the error codes of a token endpoint. Clients branch on them: a closed list. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'temporarily_unavailable'
  | 'server_error';

const STATUS: Readonly<Record<string, number>> = {
  invalid_client: 401,
  server_error: 500,
  temporarily_unavailable: 503,
};

/** The status an OAuth error code is sent with unless told otherwise: 400 for the client's mistakes. */
export function oauthStatus(code: string): number {
  return STATUS[code] ?? 400;
}

/** RFC 6749 5.2 and 4.2.2.1: error_description is limited to %x20-21 / %x23-5B / %x5D-7E. */
export function toDescriptionCharset(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?');
}

/**
 * An OAuth error of a JSON endpoint: rendered as `{error, error_description}` with
 * `Cache-Control: no-store` (shared/http/endpoint.ts). The description is fixed text for the
 * client's developer, never a value from the request.
 */
export class OAuthError extends ServiceError {
  declare readonly code: OAuthErrorCode;
  readonly description: string;

  constructor(code: OAuthErrorCode, description: string, options: ServiceErrorOptions = {}) {
    super(code, `${code}: ${description}`, {
      ...options,
      status: options.status ?? oauthStatus(code),
      exposable: true,
    });
    this.description = toDescriptionCharset(description);
  }
}

/**
 * Any failure as OAuth JSON, for the revocation endpoint and the OAuth token requests, which speak
 * only RFC 6749 5.2. A PortalSTS failure (unknown site, a repeated parameter, a body too large or
 * not a form, a store down) that is the client's mistake is invalid_request with 400, whatever it
 * was; its description is the catalogue's fixed summary with its id, never a value from the
 * request. A failure of no rendered kind is server_error, without its message.
 */
export function asOAuthFailure(thrown: unknown): OAuthError {
  if (thrown instanceof OAuthError) return thrown;
  if (!(thrown instanceof StsError))
    return new OAuthError('server_error', 'the service failed', { detail: 'unhandled error', cause: thrown });
  const description = `${thrown.id}: ${ERROR_CATALOGUE[thrown.id].summary}`;
  const options = { detail: thrown.detail, cause: thrown };
  if (thrown.status === 503)
    return new OAuthError('temporarily_unavailable', description, { ...options, headers: thrown.headers });
  if (thrown.status >= 500) return new OAuthError('server_error', description, options);
  return new OAuthError('invalid_request', description, options);
}
