import type { HttpResponseInit } from '@azure/functions';
import type { Services } from '../../services.js';
import { asGrantError } from '../token/grant-failure.js';
import type { RevocationRequest } from './revocation-request.js';

/**
 * RFC 7009 2.1-2.2: ends the refresh token family the token belongs to, when the token is the
 * requesting client's. Everything else is answered 200 with nothing done, as the RFC requires
 * (no probing of which tokens exist): an unknown, malformed or already revoked token, another
 * client's token, and access and ID tokens, which are self-contained JWTs that stay valid until
 * they expire (at most ImplicitGrantFlow/TokenExpirationTime). A store fault is 503 with
 * Retry-After (RFC 7009 2.2.1), and the client may retry.
 */
export async function revokeToken(services: Services, request: RevocationRequest): Promise<HttpResponseInit> {
  try {
    await services.refreshTokens.revokeToken(request.token, request.clientId);
  } catch (thrown) {
    throw asGrantError(thrown);
  }
  return { status: 200, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } };
}
