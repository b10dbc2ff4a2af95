import type { HandlerResult } from '../../support/call-handler.js';
import type { RawResponse } from './raw-http.js';

/**
 * A handler's response in the shape the oracle reads, so handler-level properties check exactly
 * what the HTTP ones do. Header lines are rebuilt as `name: value`: a value carrying CR or LF
 * (which the Headers class would refuse anyway) would show up as a broken line.
 */
export function asRawResponse(result: HandlerResult): RawResponse {
  const headers = new Map<string, string[]>();
  const headerLines: string[] = [];
  result.headers.forEach((value, name) => {
    headers.set(name, [...(headers.get(name) ?? []), value]);
    headerLines.push(`${name}: ${value}`);
  });
  return {
    status: result.status,
    headerLines,
    headers,
    body: Buffer.from(result.body, 'utf8'),
    header: (name) => headers.get(name.toLowerCase())?.[0],
  };
}
