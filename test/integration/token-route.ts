import { tokenHandler } from '../../functions/token.js';
import { callHandler, type HandlerResult } from '../support/call-handler.js';
import { ADA, httpRequest, principalHeaders } from '../support/token-site.js';

/** The principal headers Easy Auth adds for Ada, signed in. */
export const signedIn = principalHeaders(ADA);

/** GET /_services/auth/token with `query` ('' or '?a=b'), in process; signed in as Ada unless told. */
export function getToken(query: string, headers: Record<string, string> = signedIn): Promise<HandlerResult> {
  return callHandler(tokenHandler, httpRequest(`/_services/auth/token${query}`, { headers }));
}

/** POST /_services/auth/token as Ada with `body` of `contentType`: the other way to pass its parameters. */
export function postToken(contentType: string, body: string): Promise<HandlerResult> {
  return callHandler(
    tokenHandler,
    httpRequest('/_services/auth/token', {
      method: 'POST',
      headers: { ...signedIn, 'content-type': contentType },
      body,
    }),
  );
}
