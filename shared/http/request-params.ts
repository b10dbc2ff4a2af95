import type { HttpRequest } from '@azure/functions';
import { StsError } from '../errors/sts-error.js';

/** A form body larger than this is refused: every parameter we accept fits in well under 1 KB. */
export const MAX_BODY_BYTES = 16 * 1024;
/** More parameters than this is abuse, not a client. */
export const MAX_PARAMETERS = 64;

export type RequestParams = ReadonlyMap<string, string>;

function isFormContentType(contentType: string | null): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** The POST form body (413 over the limit, 415 when not a form); undefined for GET or an empty body. */
export async function readFormBody(request: HttpRequest): Promise<URLSearchParams | undefined> {
  if (request.method !== 'POST') return undefined;
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES)
    throw new StsError('PortalSTS0016', { detail: `content-length ${declared}` });
  // The bytes sent, not their decoding: each invalid UTF-8 byte decodes to a 3-byte U+FFFD.
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) throw new StsError('PortalSTS0016', { detail: 'body over limit' });
  const body = new TextDecoder().decode(bytes);
  if (body.trim() === '') return undefined;
  if (!isFormContentType(request.headers.get('content-type'))) {
    throw new StsError('PortalSTS0006', { detail: 'POST body with an unsupported content type' });
  }
  return new URLSearchParams(body);
}

/** The query string and, for POST, an x-www-form-urlencoded body: where parameters come from. */
export async function readParamSources(request: HttpRequest): Promise<URLSearchParams[]> {
  const form = await readFormBody(request);
  return form ? [request.query, form] : [request.query];
}

/**
 * The named parameters of `sources`. OAuth 2.0 (RFC 6749 3.1) forbids repeating a parameter; a
 * name sent twice, in either place or across both, is PortalSTS0005. Empty values count as absent,
 * as browsers send `state=` freely.
 */
export function pickParams(sources: readonly URLSearchParams[], names: readonly string[]): RequestParams {
  let count = 0;
  for (const source of sources) for (const _ of source.keys()) count++;
  if (count > MAX_PARAMETERS) throw new StsError('PortalSTS0017', { detail: `${count} parameters` });

  const params = new Map<string, string>();
  for (const name of names) {
    const values = sources.flatMap((source) => source.getAll(name));
    if (values.length > 1) throw new StsError('PortalSTS0005', { detail: `parameter '${name}' repeated` });
    const value = values[0];
    if (value !== undefined && value !== '') params.set(name, value);
  }
  return params;
}

/** The named parameters of the query string and a POST form body (pickParams). */
export async function readRequestParams(
  request: HttpRequest,
  names: readonly string[],
): Promise<RequestParams> {
  return pickParams(await readParamSources(request), names);
}
