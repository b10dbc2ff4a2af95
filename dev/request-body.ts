import type { IncomingMessage } from 'node:http';
import { ServiceError } from '../shared/errors/service-error.js';

export class BodyTooLargeError extends ServiceError {
  constructor(readonly limit: number) {
    super('body_too_large', `request body exceeds ${limit} bytes`, { status: 413 });
  }
}

/** Reads the whole request body, refusing more than `limit` bytes (the socket is not left half-read). */
export async function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new BodyTooLargeError(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      req.resume();
      throw new BodyTooLargeError(limit);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
