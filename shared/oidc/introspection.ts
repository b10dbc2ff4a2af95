import type { HttpRequest } from '@azure/functions';
import { OAuthError } from '../errors/oauth-error.js';
import { StsError } from '../errors/sts-error.js';
import { readRequestParams } from '../http/request-params.js';
import type { SiteSettings } from '../settings/site-settings.js';
import { bearerToken } from './bearer.js';
import type { TokenKind, TokenValidation } from './validate-token.js';

/**
 * The verify endpoint as RFC 7662 token introspection. `token_type_hint` is read (so a repeated
 * one is refused like any parameter) and ignored: the token's own header says what it is.
 */
export const INTROSPECTION_PARAMETERS = ['token', 'token_type_hint', 'client_id'] as const;

/**
 * The token comes from the `token` form field (RFC 7662 2.1) or, without one, from an
 * `Authorization: Bearer` header; with both, the field is the token to introspect and the header
 * is taken as the caller's own credential. A token in the query string is refused rather than
 * ignored: URLs end up in logs. No token at all is a malformed request (PortalSTS0017). With the
 * token comes the client_id it must be for, when sent.
 */
export async function readIntrospectionRequest(request: HttpRequest) {
  if (request.query.has('token')) {
    throw new StsError('PortalSTS0017', { detail: 'token sent in the query string' });
  }
  const params = await readRequestParams(request, INTROSPECTION_PARAMETERS);
  const token = params.get('token') ?? bearerToken(request);
  if (token === undefined) throw new StsError('PortalSTS0017', { detail: 'no token to introspect' });
  return { token, clientId: params.get('client_id') };
}

function firstText(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value !== '');
}

/**
 * `ImplicitGrantFlow/VerifyRequiresClientId=True`: a caller must say which client the token must be
 * for, so an API that forgets to cannot accept a token issued to another client (or an ID token
 * meant for the app itself). Off by default: existing callers send only the token.
 */
export function checkClientIdSent(site: SiteSettings, clientId: string | undefined): void {
  if (site.verifyRequiresClientId && clientId === undefined)
    throw new OAuthError('invalid_request', 'client_id is required: send the client the token must be for');
}

/**
 * RFC 7662 token_type: `Bearer` for what an API may accept as a credential (access tokens, and
 * Power Pages tokens, which Power Pages' script sends as `Authorization: Bearer`); `N_A` for ID
 * tokens, RFC 8693's value for a token that is not an access token: an API that checks for
 * `Bearer` refuses them.
 */
const TOKEN_TYPE: Readonly<Record<TokenKind, string>> = {
  access_token: 'Bearer',
  power_pages: 'Bearer',
  id_token: 'N_A',
};

/**
 * `{"active":false}` for any token that is not active, with no reason (RFC 7662 2.2: nothing that
 * helps probing); otherwise the token's claims with `active`, and always RFC 7662's `token_type`,
 * `client_id` (client_id, appid or a single aud; empty for a token issued to no client) and `aud`,
 * so a caller that did not send client_id can still check whose token it is; `username` where known.
 */
export function introspectionBody(validation: TokenValidation): Record<string, unknown> {
  if (!validation.active) return { active: false };
  const { claims, kind } = validation;
  const { active: _ignored, ...rest } = claims as Record<string, unknown>;
  const body: Record<string, unknown> = { active: true, ...rest };
  body.token_type = TOKEN_TYPE[kind];
  body.client_id =
    firstText(claims.client_id, claims.appid, typeof claims.aud === 'string' ? claims.aud : undefined) ?? '';
  body.aud = claims.aud ?? '';
  const username = firstText(claims.preferred_username);
  if (username) body.username = username;
  return body;
}
