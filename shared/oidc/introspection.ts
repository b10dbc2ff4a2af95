import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { StsError } from '../errors/sts-error.js';
import { noStoreJson } from '../http/no-store-json.js';
import { readRequestParams } from '../http/request-params.js';
import { bearerToken } from './bearer.js';
import type { TokenValidation } from './validate-token.js';

/**
 * The verify endpoint as RFC 7662 token introspection. `token_type_hint` is read (so a repeated
 * one is refused like any parameter) and ignored: the token's own header says what it is.
 */
export const INTROSPECTION_PARAMETERS = ['token', 'token_type_hint', 'client_id'] as const;

export interface IntrospectionRequest {
  token: string;
  /** When sent, the token must be for this client. */
  clientId: string | undefined;
}

/**
 * The token comes from the `token` form field (RFC 7662 2.1) or, without one, from an
 * `Authorization: Bearer` header; with both, the field is the token to introspect and the header
 * is taken as the caller's own credential. A token in the query string is refused rather than
 * ignored: URLs end up in logs. No token at all is a malformed request (PortalSTS0017).
 */
export async function readIntrospectionRequest(request: HttpRequest): Promise<IntrospectionRequest> {
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
 * `{"active":false}` for any token that is not active, with no reason (RFC 7662 2.2: nothing that
 * helps probing); otherwise the token's claims with `active`, and RFC 7662's `token_type` (access
 * tokens: Bearer), `client_id` (client_id, appid or a single aud) and `username` where known.
 */
export function introspectionBody(validation: TokenValidation): Record<string, unknown> {
  if (!validation.active) return { active: false };
  const { claims, kind } = validation;
  const { active: _ignored, ...rest } = claims as Record<string, unknown>;
  const body: Record<string, unknown> = { active: true, ...rest };
  if (kind === 'access_token') body.token_type = 'Bearer';
  const clientId = firstText(
    claims.client_id,
    claims.appid,
    typeof claims.aud === 'string' ? claims.aud : undefined,
  );
  if (clientId) body.client_id = clientId;
  const username = firstText(claims.preferred_username);
  if (username) body.username = username;
  return body;
}

export function introspectionResponse(validation: TokenValidation): HttpResponseInit {
  return noStoreJson(introspectionBody(validation));
}
