/**
 * The error codes an authorization response can carry: RFC 6749 4.2.2.1, OpenID Connect Core
 * 3.1.2.6 (login_required ... registration_not_supported). Clients branch on them, so they are a
 * closed list.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'unauthorized_client'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'interaction_required'
  | 'login_required'
  | 'account_selection_required'
  | 'consent_required'
  | 'request_not_supported'
  | 'request_uri_not_supported'
  | 'registration_not_supported';

export interface AuthorizeErrorOptions {
  /** Internal detail for the log line only; never sent. Must not contain tokens or secrets. */
  detail?: string;
  cause?: unknown;
}

/** RFC 6749 4.2.2.1: error_description is limited to %x20-21 / %x23-5B / %x5D-7E (no `"` or `\`). */
function toDescriptionCharset(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?');
}

/**
 * An OAuth error of an authorize request. It may only be sent back to the client once the
 * client's redirect_uri is verified; failures before that point are StsErrors (a PortalSTS id)
 * and are shown as a page instead. shared/oidc/authorize/render-failure.ts makes that choice, in
 * one place, from how far the request got.
 */
export class AuthorizeError extends Error {
  readonly code: OAuthErrorCode;
  /** For the client's developer (English, as OAuth intends): says what to change in the request. */
  readonly description: string;
  readonly detail: string | undefined;

  constructor(code: OAuthErrorCode, description: string, options: AuthorizeErrorOptions = {}) {
    super(`${code}: ${description}`, { cause: options.cause });
    this.name = 'AuthorizeError';
    this.code = code;
    this.description = toDescriptionCharset(description);
    this.detail = options.detail;
  }
}

export function isAuthorizeError(value: unknown): value is AuthorizeError {
  return value instanceof AuthorizeError;
}

export const invalidRequest = (description: string, detail?: string): AuthorizeError =>
  new AuthorizeError('invalid_request', description, { detail });
