import { expect } from 'vitest';
import { ERROR_CATALOGUE, type ErrorId } from '../../../shared/errors/catalogue.js';
import type { RawResponse } from './raw-http.js';
import type { RouteKind } from './routes.js';
import { RAW_PLANT } from './values.js';

/**
 * What every response must be, whatever was sent: no 5xx; header lines that are whole fields (no
 * CR or LF smuggled into one, no header a client value could have added); a body that is a
 * documented error (the PortalSTS document with its catalogued status, an OAuth error where the
 * endpoint speaks OAuth, an error page at authorize, the host's own 404 or 413) or a documented
 * success; HTML that never carries a planted marker raw; redirects only to the sign-in URL or a
 * registered, conforming redirect URI; credentialed CORS only for a registered origin.
 */

export interface OracleSite {
  /** Absolute redirect URIs a Location may start with: registered and conforming. */
  redirectTargets: readonly string[];
  allowedOrigins: ReadonlySet<string>;
}

export interface SentRequest {
  method: string;
  kind: RouteKind | undefined;
  /** true: a function must answer (method registered, plain path); false: the host's 404; undefined: either. */
  routed: boolean | undefined;
  origin: string | undefined;
  /** Node's own 400/431 (no body) is a fine answer to a request it cannot parse or will not read. */
  mayBeRefusedByParser?: boolean;
  /** The dev host's 413 for a body over its 10 MiB cap. */
  mayBeTooLargeForHost?: boolean;
}

const FIELD_LINE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+: ?[\t\x20-\x7e\x80-\xff]*$/;
const ERROR_KEYS = ['ErrorId', 'ErrorMessage', 'Timestamp', 'CorrelationId'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const BEARER_ERRORS: Record<string, number> = {
  invalid_request: 400,
  invalid_token: 401,
  insufficient_scope: 403,
};

function mediaType(response: RawResponse): string {
  return (response.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function isCatalogued(id: unknown): id is ErrorId {
  return typeof id === 'string' && Object.hasOwn(ERROR_CATALOGUE, id);
}

export function checkHeaderLines(response: RawResponse): void {
  for (const line of response.headerLines) expect(line, 'a response header line').toMatch(FIELD_LINE);
  expect(response.headers.has('x-injected'), 'a header injected from a request value').toBe(false);
  const state = response.header('state');
  if (state !== undefined) expect(state, 'the echoed state header').toMatch(/^[\x20-\x7e]{1,20}$/);
}

function checkErrorDocument(response: RawResponse, body: Record<string, unknown>): void {
  expect(Object.keys(body)).toEqual(ERROR_KEYS);
  expect(isCatalogued(body.ErrorId), `ErrorId ${String(body.ErrorId)} is catalogued`).toBe(true);
  const id = body.ErrorId as ErrorId;
  expect(response.status, `the status of ${id}`).toBe(ERROR_CATALOGUE[id].status);
  expect(typeof body.ErrorMessage === 'string' && body.ErrorMessage.length > 0).toBe(true);
  expect(new Date(String(body.Timestamp)).toISOString()).toBe(body.Timestamp);
  expect(body.CorrelationId).toMatch(UUID);
  expect(response.header('x-correlation-id')).toBe(body.CorrelationId);
}

/** RFC 6749 5.2 codes of the tenant token endpoint (shared/errors/oauth-error.ts), with their status. */
const TOKEN_ERRORS: Readonly<Record<string, number>> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  temporarily_unavailable: 503,
};

/** RFC 6749 5.2 at the tenant token endpoint; RFC 6750 3 at userinfo. */
function checkOAuthError(response: RawResponse, body: Record<string, unknown>, sent: SentRequest): void {
  if (sent.kind === 'tenant-token' || sent.kind === 'revoke') {
    // A token request with grant_type: any RFC 6749 5.2 code, with its status.
    const error = String(body.error);
    expect(TOKEN_ERRORS[error], `token error ${error}`).toBe(response.status);
    return;
  }
  expect(sent.kind, 'an OAuth error from an endpoint that does not speak OAuth').toBe('userinfo');
  const error = String(body.error);
  expect(BEARER_ERRORS[error], `bearer error ${error}`).toBe(response.status);
  expect(response.header('www-authenticate')).toMatch(new RegExp(`^Bearer error="${error}"`));
}

function checkHostError(response: RawResponse, body: Record<string, unknown>, sent: SentRequest): void {
  if (body.error === 'not_found') {
    expect(response.status).toBe(404);
    expect(sent.routed, 'the host answered 404 for a route the function registers').not.toBe(true);
    return;
  }
  expect(body.error).toBe('payload_too_large');
  expect(response.status).toBe(413);
  expect(sent.mayBeTooLargeForHost, 'the host refused a body under its cap').toBe(true);
}

function checkErrorPage(response: RawResponse, sent: SentRequest): void {
  expect(['authorize', 'logout'], 'an HTML error page outside authorize and sign-out').toContain(sent.kind);
  const id = /<code id="error-id">(PortalSTS\d{4})<\/code>/.exec(response.body.toString('utf8'))?.[1];
  expect(isCatalogued(id), `the page's error id ${id}`).toBe(true);
  expect(response.status).toBe(ERROR_CATALOGUE[id as ErrorId].status);
  expect(response.header('location')).toBeUndefined();
}

function checkJsonFailure(response: RawResponse, sent: SentRequest): void {
  const body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
  const keys = Object.keys(body);
  if (keys.includes('ErrorId')) checkErrorDocument(response, body);
  else if (keys[0] === 'error' && keys[1] === 'error_description') checkOAuthError(response, body, sent);
  else {
    expect(keys, 'an error body of no documented shape').toEqual(['error', 'message']);
    checkHostError(response, body, sent);
  }
}

function checkFailure(response: RawResponse, sent: SentRequest): void {
  const type = mediaType(response);
  if (type === 'application/json') checkJsonFailure(response, sent);
  else if (type === 'text/html') checkErrorPage(response, sent);
  else if (sent.kind === 'userinfo' && response.status === 401 && response.body.length === 0) {
    expect(response.header('www-authenticate')).toBe('Bearer');
  } else {
    expect(sent.mayBeRefusedByParser, `a bare ${response.status} to a well-formed request`).toBe(true);
    expect([400, 413, 414, 431]).toContain(response.status);
  }
}

/** The anonymous XHR answer Power Pages' script expects: 200 with X-Responded-JSON, no body. */
function checkSignInEnvelope(response: RawResponse): void {
  const envelope = JSON.parse(response.header('x-responded-json') ?? 'null') as {
    status: number;
    headers: { location: string };
  };
  expect(envelope.status).toBe(401);
  expect(envelope.headers.location).toMatch(/^\/\.auth\/login\//);
}

/** A code or refresh grant's answer (RFC 6749 5.1): bearer tokens, never cached. */
function checkGrantTokens(response: RawResponse, body: Record<string, unknown>): void {
  expect(response.header('cache-control')).toBe('no-store');
  expect(body.token_type).toBe('Bearer');
  expect(body.access_token).toMatch(JWS);
  expect(body.id_token).toMatch(JWS);
  expect(typeof body.expires_in).toBe('number');
}

/** A 200 in the shape its endpoint documents. */
function check200(response: RawResponse, sent: SentRequest): void {
  const type = mediaType(response);
  const text = response.body.toString('utf8');
  const json = () => JSON.parse(text) as Record<string, unknown>;
  switch (sent.kind) {
    case 'token':
    case 'tenant-token':
      if (type === 'application/jwt') expect(text).toMatch(JWS);
      else if (sent.kind === 'tenant-token' && type === 'application/json')
        checkGrantTokens(response, json());
      else checkSignInEnvelope(response);
      break;
    case 'public':
      expect(['application/json', 'text/plain']).toContain(type);
      break;
    case 'verify':
      expect(typeof json().active).toBe('boolean');
      break;
    case 'userinfo':
      expect(typeof json().sub).toBe('string');
      break;
    case 'revoke':
      expect(text, 'a revocation 200 has no body').toBe('');
      break;
    case 'logout':
      throw new Error('a 200 from sign-out, which only redirects or shows an error page');
    case 'authorize':
      expect(type, 'an authorize 200 that is not the form_post page').toBe('text/html');
      expect(text).toContain('<form method="post"');
      break;
    case undefined:
      throw new Error('a 200 from no route');
  }
}

function checkSuccess(response: RawResponse, sent: SentRequest): void {
  if (response.status === 204) expect(sent.method, 'a 204 that is not a preflight').toBe('OPTIONS');
  else if (response.status === 304) expect(sent.kind).toBe('public');
  else if (response.status === 302 || response.status === 303)
    expect(response.header('location'), 'a redirect without Location').toBeDefined();
  else {
    expect(response.status).toBe(200);
    check200(response, sent);
  }
}

/** Relative: the Easy Auth sign-in, returning to a path on this host. Absolute: a registered redirect URI. */
export function checkLocation(response: RawResponse, site: OracleSite): void {
  const location = response.header('location');
  if (location === undefined) return;
  if (location.startsWith('/')) {
    const url = new URL(location, 'http://service.invalid');
    expect(url.origin, `Location ${location} leaves the host`).toBe('http://service.invalid');
    // Sign-in, or sign-out (which comes back to the service's own complete step, if anywhere).
    expect(url.pathname).toMatch(/^\/\.auth\/(login\/[^/]+|logout)$/);
    const back =
      url.searchParams.get('post_login_redirect_uri') ??
      url.searchParams.get('post_logout_redirect_uri') ??
      '/';
    expect(back.startsWith('/') && !back.startsWith('//') && !back.startsWith('/\\'), back).toBe(true);
    return;
  }
  const target = site.redirectTargets.find(
    (uri) =>
      location.startsWith(`${uri}#`) ||
      location.startsWith(uri.includes('?') ? `${uri}&` : `${uri}?`) ||
      location === uri,
  );
  expect(target, `Location ${location} is not a registered redirect URI`).toBeDefined();
  // Tokens only ever in the fragment (RFC 9700 4.3): never in a query the client's server logs.
  const query = location.split('#')[0] ?? '';
  expect(query).not.toMatch(/[?&](access_token|id_token|token)=/);
}

export function checkCors(response: RawResponse, sent: SentRequest, site: OracleSite): void {
  const allowOrigin = response.header('access-control-allow-origin');
  if (allowOrigin === undefined) return;
  if (sent.kind === 'public') {
    expect(allowOrigin).toBe('*');
    return;
  }
  expect(['authorize', 'logout'], 'CORS on a navigated endpoint').not.toContain(sent.kind);
  expect(allowOrigin, 'CORS granted to an origin other than the request one').toBe(sent.origin);
  expect(site.allowedOrigins.has(allowOrigin), `CORS granted to ${allowOrigin}`).toBe(true);
  expect(response.header('access-control-allow-credentials')).toBe('true');
}

export function checkHtml(response: RawResponse): void {
  if (mediaType(response) !== 'text/html') return;
  const html = response.body.toString('utf8');
  expect(html, 'a planted marker reached the page unescaped').not.toMatch(RAW_PLANT);
  expect(response.header('content-security-policy') ?? '').toContain("default-src 'none'");
  expect(response.header('x-content-type-options')).toBe('nosniff');
}

/** All of the above, for one exchange with the dev host. */
export function checkResponse(response: RawResponse, sent: SentRequest, site: OracleSite): void {
  expect(response.status, 'a 5xx').toBeLessThan(500);
  checkHeaderLines(response);
  if (sent.kind !== undefined)
    expect(response.headers.has('set-cookie'), 'a function set a cookie').toBe(false);
  checkHtml(response);
  // Every answer a function gives is nosniff (a JWT or PEM must not be read as a script or style).
  if (sent.kind !== undefined && [200, 302, 303].includes(response.status))
    expect(response.header('x-content-type-options'), 'a function answer without nosniff').toBe('nosniff');
  checkLocation(response, site);
  checkCors(response, sent, site);
  if (sent.method === 'HEAD') {
    // No function registers HEAD, and a HEAD answer has no body to classify: the host's 404.
    expect(response.status === 404 || sent.mayBeRefusedByParser === true, `HEAD got ${response.status}`).toBe(
      true,
    );
    return;
  }
  if (response.status >= 400) checkFailure(response, sent);
  else checkSuccess(response, sent);
}

/** A short label of a response for the outcome tally: status and error id, OAuth error or type. */
export function describeOutcome(response: RawResponse): string {
  const text = response.body.toString('utf8');
  const id = /"ErrorId":"(PortalSTS\d{4})"|id="error-id">(PortalSTS\d{4})|"error":"([a-z_]+)"/.exec(text);
  const detail = id?.[1] ?? id?.[2] ?? id?.[3] ?? mediaType(response);
  return `${response.status}${detail ? ` ${detail}` : ''}`;
}
