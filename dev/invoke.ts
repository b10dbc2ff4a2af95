import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import type { HttpResponse, InvocationContext } from '@azure/functions';
// In ESM the classes are only on the default export (the package is a webpack CommonJS bundle).
import functions from '@azure/functions';
import type { DevLogger } from './dev-logger.js';
import type { HttpFunction } from './http-functions.js';
import type { RouteParams } from './route-table.js';

/** One HTTP invocation, already routed. Headers are the ones the handler may see. */
export interface HttpInvocation {
  fn: HttpFunction;
  params: RouteParams;
  method: string;
  url: string;
  headers: Headers;
  body: Buffer;
}

function createRequest(invocation: HttpInvocation) {
  const { method, url, headers, body, params } = invocation;
  const headerRecord: Record<string, string> = {};
  headers.forEach((value, name) => {
    headerRecord[name] = value;
  });
  // No `query`: the request then derives it from the URL, keeping repeated keys as the host does.
  const hasBody = method !== 'GET' && method !== 'HEAD' && body.length > 0;
  return new functions.HttpRequest({
    method,
    url,
    headers: headerRecord,
    params,
    ...(hasBody ? { body: { bytes: new Uint8Array(body) } } : {}),
  });
}

/** What the worker does with a handler's return value (toRpcHttp): null-ish means no content. */
export function toHttpResponse(result: unknown): HttpResponse {
  if (result === undefined || result === null) return new functions.HttpResponse({ status: 204 });
  if (typeof result !== 'object') {
    throw new TypeError('The HTTP response must be an object with optional "body", "status", "headers".');
  }
  const response = result instanceof functions.HttpResponse ? result : new functions.HttpResponse(result);
  // No function uses the `cookies` field, so it is refused rather than emulated: use Set-Cookie.
  if (response.cookies.length > 0) throw new Error('the dev host does not send the "cookies" response field');
  return response;
}

/** Calls a handler as the worker does: `handler(request, context)`. Rejects when the handler throws. */
export async function invokeHttpFunction(
  invocation: HttpInvocation,
  logger: DevLogger,
): Promise<HttpResponse> {
  const { fn } = invocation;
  const context = invocationContext(fn.name, 'httpTrigger', logger);
  return toHttpResponse(await fn.handler(createRequest(invocation), context));
}

/** The context a handler gets: its name, an id, and log calls that go to the dev host's log. */
export function invocationContext(
  functionName: string,
  trigger: string,
  logger: DevLogger,
): InvocationContext {
  return new functions.InvocationContext({
    invocationId: randomUUID(),
    functionName,
    logHandler: (level, ...args) => logger.handler(functionName, level, format(...args)),
    options: { trigger: { type: trigger, name: trigger }, extraInputs: [], extraOutputs: [] },
  });
}
