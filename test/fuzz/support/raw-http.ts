import { connect } from 'node:net';

/**
 * A deliberately dumb HTTP/1.1 client over a raw socket. fetch and node:http refuse to send what a
 * fuzzer must send (CR, LF and NUL in headers, repeated Host, odd methods, bytes that are not
 * percent-encoded), and they hide what a fuzzer must see (the header bytes exactly as sent, so a
 * split header shows up as an extra line instead of being parsed away).
 */

export interface RawRequest {
  method: string;
  /** The request-target, as sent (the caller encodes it, or deliberately does not). */
  target: string;
  /** Header values are sent as their UTF-8 bytes; Host and Connection are added unless given. */
  headers: ReadonlyArray<readonly [string, string | Buffer]>;
  body?: Buffer | undefined;
}

export interface RawResponse {
  status: number;
  /** Every header line between the status line and the blank line, exactly as received (latin1). */
  headerLines: string[];
  /** Lowercased name to values, in order. */
  headers: Map<string, string[]>;
  body: Buffer;
  /** The first value of a header, or undefined. */
  header(name: string): string | undefined;
}

const CRLF = '\r\n';

export function serializeRequest(request: RawRequest, port: number): Buffer {
  const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
  const headers: Array<readonly [string, string | Buffer]> = [];
  if (!names.has('host')) headers.push(['Host', `localhost:${port}`]);
  if (!names.has('connection')) headers.push(['Connection', 'close']);
  headers.push(...request.headers);
  if (request.body && !names.has('content-length') && !names.has('transfer-encoding'))
    headers.push(['Content-Length', String(request.body.length)]);
  const parts: Buffer[] = [Buffer.from(`${request.method} ${request.target} HTTP/1.1${CRLF}`, 'latin1')];
  for (const [name, value] of headers) {
    parts.push(Buffer.from(`${name}: `, 'latin1'), Buffer.from(value), Buffer.from(CRLF, 'latin1'));
  }
  parts.push(Buffer.from(CRLF, 'latin1'));
  if (request.body) parts.push(request.body);
  return Buffer.concat(parts);
}

function decodeChunked(data: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf(CRLF, offset, 'latin1');
    if (lineEnd < 0) throw new Error('chunked body: no chunk size line');
    const size = Number.parseInt(data.toString('latin1', offset, lineEnd).split(';')[0] ?? '', 16);
    if (!Number.isFinite(size)) throw new Error('chunked body: bad chunk size');
    if (size === 0) return Buffer.concat(chunks);
    chunks.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

/** Parses one complete response; `bodyless` for HEAD requests (their headers describe a body never sent). */
export function parseResponse(data: Buffer, bodyless: boolean): RawResponse {
  const end = data.indexOf(`${CRLF}${CRLF}`, 0, 'latin1');
  if (end < 0) throw new Error(`no complete response head in ${data.length} bytes`);
  const [statusLine = '', ...headerLines] = data.toString('latin1', 0, end).split(CRLF);
  const status = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
  if (!status?.[1]) throw new Error(`bad status line ${JSON.stringify(statusLine)}`);
  const headers = new Map<string, string[]>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, Math.max(colon, 0)).toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const code = Number(status[1]);
  const rest = data.subarray(end + 4);
  const noBody = bodyless || code === 204 || code === 304 || code < 200;
  let body = noBody ? Buffer.alloc(0) : rest;
  if (!noBody && headers.get('transfer-encoding')?.[0]?.toLowerCase() === 'chunked')
    body = decodeChunked(rest);
  else if (!noBody && headers.has('content-length'))
    body = rest.subarray(0, Number(headers.get('content-length')?.[0]));
  return { status: code, headerLines, headers, body, header: (name) => headers.get(name.toLowerCase())?.[0] };
}

/**
 * Sends the bytes and reads until the server closes (requests carry `Connection: close`). The
 * socket is not half-closed first: Node's server aborts a request whose client sent FIN. With
 * `endAfterMs`, it is, that long after the bytes (a request that never completes). Rejects when
 * nothing came back within `timeoutMs`: a hung request is a failure of its own.
 */
export function sendRaw(
  port: number,
  bytes: Buffer,
  options: { timeoutMs?: number; endAfterMs?: number } = {},
): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => {
      socket.write(bytes);
      if (options.endAfterMs !== undefined) setTimeout(() => socket.end(), options.endAfterMs);
    });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no response within ${timeoutMs} ms`));
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      socket.destroy();
      resolve(Buffer.concat(chunks));
    });
    // A reset after the response (the server closing on a request it refused) still has the response.
    socket.on('error', (error) => (chunks.length > 0 ? resolve(Buffer.concat(chunks)) : reject(error)));
  });
}

export async function exchange(port: number, request: RawRequest): Promise<RawResponse> {
  const data = await sendRaw(port, serializeRequest(request, port));
  return parseResponse(data, request.method.toUpperCase() === 'HEAD');
}
