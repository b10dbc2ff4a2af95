import type { HttpResponseInit } from '@azure/functions';
import { htmlFormPost } from '../../http/html-form-post.js';
import type { Language } from '../../i18n/languages.js';

export type ResponseMode = 'fragment' | 'query' | 'form_post';

/** Where and how an authorize request is answered, known once its redirect_uri is verified. */
export interface ReplyTo {
  /** The verified, registered redirect URI, exactly as registered. */
  redirectUri: string;
  mode: ResponseMode;
  /** The request's state, echoed in every response (only when it was valid). */
  state: string | undefined;
  /** RFC 9207: the issuer, so a client talking to several providers can tell who answered. */
  issuer: string | undefined;
}

export type ResponseFields = ReadonlyArray<readonly [string, string]>;

const TOKEN_FIELDS = new Set(['access_token', 'id_token', 'token']);

/**
 * application/x-www-form-urlencoded, but with %20 for spaces: clients that read the fragment
 * with decodeURIComponent (not URLSearchParams) would otherwise show error descriptions with '+'.
 */
export function formEncode(fields: ResponseFields): string {
  return fields.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}

/** `uri` with encoded parameters added to its query, which it keeps as it is otherwise. */
export function withQuery(uri: string, encoded: string): string {
  if (!uri.includes('?')) return `${uri}?${encoded}`;
  return uri.endsWith('?') || uri.endsWith('&') ? `${uri}${encoded}` : `${uri}&${encoded}`;
}

/** A redirect of a browser-navigated step: 303 after a POST so the browser follows with GET. */
export function browserRedirect(method: string, location: string): HttpResponseInit {
  return {
    status: method === 'POST' ? 303 : 302,
    headers: { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  };
}

/**
 * An authorization response (success or error) to the client, in its response mode: a redirect
 * with the parameters in the fragment (or the query, for errors to clients of a query mode), or a
 * form_post page. state and iss are added here so no response can forget them.
 */
export function authorizationResponse(
  replyTo: ReplyTo,
  fields: ResponseFields,
  options: { language: Language; method: string; headers?: Record<string, string> },
): HttpResponseInit {
  const all: Array<readonly [string, string]> = [...fields];
  if (replyTo.state !== undefined) all.push(['state', replyTo.state]);
  if (replyTo.issuer !== undefined) all.push(['iss', replyTo.issuer]);
  const headers = options.headers ?? {};
  if (replyTo.mode === 'form_post') return htmlFormPost(replyTo.redirectUri, all, options.language, headers);
  // Query strings end up in server logs, proxies and Referer headers; tokens must never be there.
  if (replyTo.mode === 'query' && all.some(([name]) => TOKEN_FIELDS.has(name)))
    throw new Error('refusing to put a token in a query string');
  const encoded = formEncode(all);
  const location =
    replyTo.mode === 'query' ? withQuery(replyTo.redirectUri, encoded) : `${replyTo.redirectUri}#${encoded}`;
  const redirect = browserRedirect(options.method, location);
  return { ...redirect, headers: { ...headers, ...redirect.headers, Pragma: 'no-cache' } };
}
