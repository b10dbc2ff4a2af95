import type { HttpRequest } from '@azure/functions';
import type { JWTPayload } from 'jose';
import { BearerError } from '../errors/bearer-error.js';
import { readRequestParams } from '../http/request-params.js';
import type { SignedInUser } from '../user/signed-in-user.js';
import { bearerToken } from './bearer.js';
import { parseScope, scopedClaims } from './scopes.js';
import type { TokenValidation } from './validate-token.js';

/**
 * OIDC Core 5.3.1 / RFC 6750 2: the access token in `Authorization: Bearer` (GET or POST), or in
 * an `access_token` form field (POST). Both at once is invalid_request (RFC 6750 2: one method per
 * request); so is a token in the query string, which this provider does not accept (URLs are logged).
 */
export async function presentedAccessToken(request: HttpRequest): Promise<string> {
  if (request.query.has('access_token')) {
    throw new BearerError('invalid_request', 'access_token in the URL is not accepted');
  }
  const fromHeader = bearerToken(request);
  const fromBody = (await readRequestParams(request, ['access_token'])).get('access_token');
  if (fromHeader !== undefined && fromBody !== undefined) {
    throw new BearerError('invalid_request', 'more than one access token in the request');
  }
  const token = fromHeader ?? fromBody;
  if (token === undefined) throw new BearerError('no_token');
  return token;
}

/** Only this site's RFC 9068 access tokens, granted with `openid`, open the userinfo endpoint. */
export function checkUserinfoAccess(validation: TokenValidation): JWTPayload {
  if (!validation.active) {
    const expired = validation.reason === 'expired';
    const description = expired ? 'the access token expired' : 'the access token is not valid';
    throw new BearerError('invalid_token', description);
  }
  if (validation.kind !== 'access_token') {
    throw new BearerError('invalid_token', 'the token is not an access token');
  }
  const scopes = parseScope(
    typeof validation.claims.scope === 'string' ? validation.claims.scope : undefined,
  );
  if (!scopes.includes('openid')) {
    const description = 'the access token was not granted openid';
    throw new BearerError('insufficient_scope', description, { scope: 'openid' });
  }
  return validation.claims;
}

/**
 * The UserInfo claims (OIDC Core 5.3.2). There is no user store, and access tokens stay small (no
 * profile claims in them), so: `sub` always; the profile, email and phone claims the token's scope
 * grants only when the request also carries the Easy Auth session of that same user (a browser
 * calling with credentials), read fresh from the session. Another user's session adds nothing.
 */
export function userinfoClaims(
  claims: JWTPayload,
  session: SignedInUser | undefined,
): Record<string, unknown> {
  const scopes = parseScope(typeof claims.scope === 'string' ? claims.scope : undefined);
  const sameUser = session !== undefined && session.id === claims.sub;
  return { sub: claims.sub, ...(sameUser ? scopedClaims(session, scopes) : {}) };
}
