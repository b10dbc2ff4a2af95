import { oauthStatus, toDescriptionCharset } from '../../errors/oauth-error.js';
import { ServiceError, type ServiceErrorOptions } from '../../errors/service-error.js';

/**
 * The error codes an authorization response can carry: RFC 6749 4.2.2.1, OpenID Connect Core
 * 3.1.2.6 (login_required ... registration_not_supported). Clients branch on them, so they are a
 * closed list.
 */
export type AuthorizeErrorCode =
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

/**
 * An OAuth error of an authorize request. It may only be sent back to the client once the
 * client's redirect_uri is verified; failures before that point are StsErrors (a PortalSTS id)
 * and are shown as a page instead. shared/oidc/authorize/authorize-endpoint.ts makes that
 * choice, in one place, from how far the request got.
 */
export class AuthorizeError extends ServiceError {
  declare readonly code: AuthorizeErrorCode;
  /** For the client's developer (English, as OAuth intends): says what to change in the request. */
  readonly description: string;

  constructor(code: AuthorizeErrorCode, description: string, options: ServiceErrorOptions = {}) {
    super(code, `${code}: ${description}`, {
      ...options,
      status: options.status ?? oauthStatus(code),
      exposable: true,
      redirectable: true,
    });
    this.description = toDescriptionCharset(description);
  }
}

export const invalidRequest = (description: string, detail?: string): AuthorizeError =>
  new AuthorizeError('invalid_request', description, { detail });
