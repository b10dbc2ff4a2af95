import { jwtVerify } from 'jose';
import type { SigningKey } from '../../certs/signing-key.js';
import { signToken } from '../../token/sign-token.js';

/**
 * The sign-out continuation: where the browser goes after Easy Auth has ended its session. Easy
 * Auth's `post_logout_redirect_uri` only goes to this service's own host, so it names
 * `/{site}/oauth2/v1/logout/complete?continuation=<JWT>`, and that step sends the browser on to
 * the client. The JWT is signed with the site's key, so the complete step redirects only where a
 * verified sign-out request said: a registered post_logout_redirect_uri of the client, with the
 * client's state. Nobody can make one up, so the complete step is no open redirect.
 */
export interface Continuation {
  clientId: string;
  /** A registered, conforming post_logout_redirect_uri of the client, as registered. */
  redirectUri: string;
  state: string | undefined;
}

/** A distinct type, so no validator of ID or access tokens accepts a continuation, nor the reverse. */
export const CONTINUATION_TYP = 'logout-continuation+jwt';
/** Long enough for a slow identity provider's sign-out round trip; short enough not to linger. */
export const CONTINUATION_LIFETIME_SECONDS = 600;

export function continuationAudience(issuer: string): string {
  return `${issuer}/oauth2/v1/logout/complete`;
}

export function signContinuation(
  continuation: Continuation,
  issuer: string,
  key: SigningKey,
  now: number = Date.now(),
): Promise<string> {
  const iat = Math.floor(now / 1000);
  const claims: Record<string, unknown> = {
    iss: issuer,
    aud: continuationAudience(issuer),
    iat,
    exp: iat + CONTINUATION_LIFETIME_SECONDS,
    client_id: continuation.clientId,
    post_logout_redirect_uri: continuation.redirectUri,
  };
  if (continuation.state !== undefined) claims.state = continuation.state;
  return signToken(claims, key, CONTINUATION_TYP);
}

/**
 * The continuation a sign-out request of this site signed, or undefined for anything else
 * (malformed, forged, another site's, expired, an ID token): the caller shows a page.
 */
export async function verifyContinuation(
  token: string,
  keys: readonly SigningKey[],
  issuer: string,
  now: Date = new Date(),
): Promise<Continuation | undefined> {
  for (const key of keys) {
    try {
      const { payload } = await jwtVerify(token, key.publicKey, {
        algorithms: [key.alg],
        typ: CONTINUATION_TYP,
        issuer,
        audience: continuationAudience(issuer),
        currentDate: now,
        requiredClaims: ['exp', 'iat'],
      });
      const { client_id, post_logout_redirect_uri, state } = payload;
      if (typeof client_id !== 'string' || typeof post_logout_redirect_uri !== 'string') return undefined;
      if (state !== undefined && typeof state !== 'string') return undefined;
      return { clientId: client_id, redirectUri: post_logout_redirect_uri, state };
    } catch {
      // Not this key (or not valid at all): try the next published key.
    }
  }
  return undefined;
}
