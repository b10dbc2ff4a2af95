import type { HttpRequest } from '@azure/functions';
import { decodeJwt } from 'jose';
import { MAX_BODY_BYTES } from '../http/request-params.js';
import { bearerToken } from './bearer.js';

/**
 * Which client a request is for, as the CORS grant of its response needs it. Read from a copy of
 * the request before the handler runs (a body can be read once), and leniently: whatever the
 * handler will refuse (a repeated or oversized parameter) names no client, so only the site's
 * allow-list may read that error.
 */

/** Every value of a parameter in the query and, for a form POST, a copy of the body. */
async function parameterValues(request: HttpRequest, name: string): Promise<string[]> {
  // Cloned before any await: the handler may consume the original body meanwhile.
  const copy = request.method === 'POST' ? request.clone() : undefined;
  const values = request.query.getAll(name);
  const contentType = copy?.headers.get('content-type') ?? '';
  if (copy && /^application\/x-www-form-urlencoded\b/i.test(contentType.trim())) {
    try {
      const bytes = await copy.arrayBuffer();
      if (bytes.byteLength <= MAX_BODY_BYTES)
        values.push(...new URLSearchParams(new TextDecoder().decode(bytes)).getAll(name));
    } catch {
      // An unreadable body names no client.
    }
  }
  return values.filter((value) => value !== '');
}

/** The one `client_id` of the query and form body together; undefined when none, or more than one. */
export async function clientIdFromRequest(request: HttpRequest): Promise<string | undefined> {
  const values = await parameterValues(request, 'client_id');
  return values.length === 1 ? values[0] : undefined;
}

/**
 * The client a presented access token (Bearer header or `access_token` form field) was issued to:
 * its `client_id` claim, for userinfo. Not verified here: the handler verifies the token, and only
 * a valid token's answer carries claims, so a forged claim can at most let an origin read an error.
 */
export async function clientOfAccessToken(request: HttpRequest): Promise<string | undefined> {
  const tokens = [...(await parameterValues(request, 'access_token'))];
  const header = bearerToken(request);
  if (header !== undefined) tokens.push(header);
  if (tokens.length !== 1 || tokens[0] === undefined) return undefined;
  try {
    const clientId = decodeJwt(tokens[0]).client_id;
    return typeof clientId === 'string' ? clientId : undefined;
  } catch {
    return undefined;
  }
}
