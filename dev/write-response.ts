import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { HttpResponse } from '@azure/functions';

/**
 * Sends a handler's response: status, headers (several Set-Cookie headers kept apart) and the body
 * streamed as it is produced. HEAD responses carry no body.
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

  const body = response.body;
  if (!body || method === 'HEAD') {
    await body?.cancel();
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), res);
}
