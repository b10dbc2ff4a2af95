import type { ServerResponse } from 'node:http';
import type { HttpResponse } from '@azure/functions';

/**
 * Sends a handler's response: status, headers (several Set-Cookie headers kept apart) and the
 * body. The body is read whole and sent with the head in one write, as the Functions host does
 * for HTTP functions that do not opt into streaming. HEAD responses carry no body.
 */
export async function writeHttpResponse(
  res: ServerResponse,
  response: HttpResponse,
  method: string,
): Promise<void> {
  const cookies = response.headers.getSetCookie();
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body || method === 'HEAD') {
    await response.body?.cancel();
    res.end();
    return;
  }
  // Chunks as a handler's stream yields them: bytes, or strings (as Readable.from gives).
  const chunks: Buffer[] = [];
  for await (const chunk of response.body as AsyncIterable<Uint8Array | string>)
    chunks.push(Buffer.from(chunk));
  res.end(Buffer.concat(chunks));
}
