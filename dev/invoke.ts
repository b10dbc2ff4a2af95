import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import type { HttpResponse, HttpResponseInit, InvocationContext } from '@azure/functions';
// In ESM the classes are only on the default export (the package is a webpack CommonJS bundle).
import functions from '@azure/functions';
import type { DevLogger } from './dev-logger.js';
import type { FunctionRegistry } from './functions-core.js';
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

/** The core hook contexts `@azure/functions` wraps (see its src/hooks): plain objects it mutates. */
interface CoreInvocationHookContext {
  invocationContext: InvocationContext;
  inputs: unknown[];
  functionCallback: (...args: unknown[]) => unknown;
  hookData: Record<string, unknown>;
  appHookData: Record<string, unknown>;
  result?: unknown;
  error?: unknown;
}

async function runHooks(
  registry: FunctionRegistry,
  name: 'preInvocation' | 'postInvocation',
  context: object,
) {
  for (const hook of registry.hooks.get(name) ?? []) await hook(context);
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
  if (result instanceof functions.HttpResponse) return result;
  if (typeof result !== 'object') {
    throw new TypeError(
      'The HTTP response must be an object with optional "body", "status", "headers", "cookies".',
    );
  }
  return new functions.HttpResponse(result as HttpResponseInit);
}

/**
 * Calls a handler as the worker does: `handler(request, context)` between the registered
 * pre- and post-invocation hooks. Rejects when the handler throws; the caller turns that into 500.
 */
export async function invokeHttpFunction(
  invocation: HttpInvocation,
  registry: FunctionRegistry,
  logger: DevLogger,
): Promise<HttpResponse> {
  const { fn } = invocation;
  const invocationContext = new functions.InvocationContext({
    invocationId: randomUUID(),
    functionName: fn.name,
    logHandler: (level, ...args) => logger.handler(fn.name, level, format(...args)),
    options: { trigger: { type: 'httpTrigger', name: 'httpTrigger' }, extraInputs: [], extraOutputs: [] },
  });
  const hookContext: CoreInvocationHookContext = {
    invocationContext,
    inputs: [createRequest(invocation)],
    functionCallback: fn.handler,
    hookData: {},
    appHookData: registry.appHookData,
  };
  await runHooks(registry, 'preInvocation', hookContext);
  try {
    hookContext.result = await hookContext.functionCallback(...hookContext.inputs, invocationContext);
  } catch (error) {
    hookContext.error = error;
  }
  await runHooks(registry, 'postInvocation', hookContext);
  if (hookContext.error !== undefined) throw hookContext.error;
  return toHttpResponse(hookContext.result);
}
