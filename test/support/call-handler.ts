import functions, { type HttpHandler, type HttpRequest } from '@azure/functions';
import { invocation } from './token-site.js';

export interface HandlerResult {
  status: number;
  headers: Headers;
  body: string;
  json<T = Record<string, unknown>>(): T;
  logs: string[];
}

/** Calls a handler the way the Functions host does and reads the response the way a client would. */
export async function callHandler(handler: HttpHandler, request: HttpRequest): Promise<HandlerResult> {
  const { context, lines } = invocation();
  const init = await handler(request, context);
  const response = init instanceof functions.HttpResponse ? init : new functions.HttpResponse(init);
  const body = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body,
    json: <T>() => JSON.parse(body) as T,
    logs: lines,
  };
}
