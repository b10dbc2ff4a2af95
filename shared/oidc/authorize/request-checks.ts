import type { SiteSettings } from '../../settings/site-settings.js';
import { grantedScopes, parseScope } from '../scopes.js';
import { AuthorizeError, invalidRequest } from './authorize-error.js';
import type { AuthorizeParams } from './authorize-params.js';
import type { ResponseType } from './response-type.js';

/**
 * state: RFC 6749 A.5 allows printable ASCII (VSCHAR). It is echoed back and, on a sign-in, rides
 * in the return URL, so it is capped: 2048 characters is far above what client libraries send
 * (a random value, or an id plus a little app data) and keeps the URLs within proxy limits.
 */
export const MAX_STATE_LENGTH = 2048;
const STATE = new RegExp(`^[\\x20-\\x7e]{1,${MAX_STATE_LENGTH}}$`);
/** nonce: copied into every ID token, so shorter; client libraries send 32-64 characters. */
export const MAX_NONCE_LENGTH = 512;
const NONCE = new RegExp(`^[\\x20-\\x7e]{1,${MAX_NONCE_LENGTH}}$`);

/** A state that may be echoed: sent once and valid. An invalid state is not repeated back. */
export function echoableState(params: AuthorizeParams): string | undefined {
  const state = params.single('state');
  return state !== undefined && STATE.test(state) ? state : undefined;
}

/**
 * The parameters an authorize request may carry (OIDC Core 3.1.2.1, 3.2.2.1 and 6, RFC 6749 4.2.1,
 * OAuth 2.0 Form Post Response Mode). Only these names are ever written into an error description:
 * any other name is the caller's text, which a description must not repeat.
 */
export const KNOWN_AUTHORIZE_PARAMETERS: ReadonlySet<string> = new Set([
  'client_id',
  'redirect_uri',
  'response_type',
  'response_mode',
  'scope',
  'state',
  'nonce',
  'prompt',
  'max_age',
  'ui_locales',
  'claims_locales',
  'id_token_hint',
  'login_hint',
  'acr_values',
  'display',
  'claims',
  'request',
  'request_uri',
  'registration',
  'auth_after',
]);

/** RFC 6749 3.1: a parameter must not be sent more than once. Only known names are named. */
export function checkNoRepeats(params: AuthorizeParams): void {
  const repeated = params.repeatedNames();
  if (repeated.length === 0) return;
  const known = repeated.filter((name) => KNOWN_AUTHORIZE_PARAMETERS.has(name));
  const others = known.length < repeated.length;
  if (known.length === 0) throw invalidRequest('a parameter was sent more than once');
  throw invalidRequest(
    `parameter sent more than once: ${known.join(', ')}${others ? ' (and others not named)' : ''}`,
  );
}

/** OIDC Core 6: request objects and dynamic registration are not supported (discovery says so too). */
export function checkNoRequestObject(params: AuthorizeParams): void {
  if (params.has('request'))
    throw new AuthorizeError('request_not_supported', 'the request parameter is not supported');
  if (params.has('request_uri'))
    throw new AuthorizeError('request_uri_not_supported', 'the request_uri parameter is not supported');
  if (params.has('registration'))
    throw new AuthorizeError('registration_not_supported', 'the registration parameter is not supported');
}

/**
 * Connector/ImplicitGrantFlowEnabled=False: the client may not use this grant on this site, which
 * is RFC 6749's unauthorized_client ("not authorized to request an access token using this
 * method"); access_denied would wrongly suggest the user refused.
 */
export function checkFlowEnabled(site: SiteSettings): void {
  if (!site.flowEnabled) {
    throw new AuthorizeError('unauthorized_client', 'the token service is turned off for this site', {
      detail: `flow disabled for site '${site.siteId}'`,
    });
  }
}

export function checkState(params: AuthorizeParams): string | undefined {
  const state = params.get('state');
  if (state !== undefined && !STATE.test(state))
    throw invalidRequest(`state must be 1 to ${MAX_STATE_LENGTH} printable ASCII characters`);
  return state;
}

/**
 * The granted scopes. An ID token is only issued to an OpenID Connect request, which is one whose
 * scope has openid (OIDC Core 3.1.2.1); without it the scope cannot be honoured: invalid_scope.
 * Unknown scopes are left out of the grant, as OAuth allows (RFC 6749 3.3). offline_access is
 * kept only for a code request of a client the site allows refresh tokens
 * (`ImplicitGrantFlow/{ClientId}/AllowRefreshTokens`); OIDC Core 11 says to ignore it otherwise.
 * The registration is the consent, so prompt=consent is not needed.
 */
export function checkScope(
  params: AuthorizeParams,
  responseType: ResponseType,
  site: SiteSettings,
  clientId: string,
): string[] {
  const requested = parseScope(params.get('scope'));
  if (responseType.idToken && !requested.includes('openid'))
    throw new AuthorizeError('invalid_scope', 'scope must include openid to receive an id_token');
  const offlineAllowed = responseType.code && site.allowsRefreshTokens(clientId);
  return grantedScopes(requested).filter((scope) => offlineAllowed || scope !== 'offline_access');
}

/**
 * OIDC Core 3.2.2.1: nonce is required when an ID token comes back through the browser (replay).
 * With a code it is optional (3.1.2.1) and, when sent, goes into the ID token the code gives.
 */
export function checkNonce(params: AuthorizeParams, responseType: ResponseType): string | undefined {
  if (!responseType.idToken && !responseType.code) return undefined;
  const nonce = params.get('nonce');
  if (nonce === undefined && responseType.code) return undefined;
  if (nonce === undefined) throw invalidRequest('nonce is required when response_type includes id_token');
  if (!NONCE.test(nonce))
    throw invalidRequest(`nonce must be 1 to ${MAX_NONCE_LENGTH} printable ASCII characters`);
  return nonce;
}

/** RFC 7636 4.2: base64url of a SHA-256 is 43 characters; the unreserved set, 43 to 128 of them. */
const CODE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * PKCE (RFC 7636), required of every client that asks for a code (RFC 9700 2.1.1): a
 * code_challenge with code_challenge_method S256. A missing method would mean `plain` (RFC 7636
 * 4.3), which protects nothing once the request is seen, so it is refused like `plain` itself.
 */
export function checkCodeChallenge(params: AuthorizeParams, responseType: ResponseType): string | undefined {
  if (!responseType.code) return undefined;
  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method');
  if (challenge === undefined) throw invalidRequest('code_challenge is required (PKCE with S256)');
  if (method !== 'S256') throw invalidRequest('code_challenge_method must be S256');
  if (!CODE_CHALLENGE.test(challenge))
    throw invalidRequest('code_challenge must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~');
  return challenge;
}
