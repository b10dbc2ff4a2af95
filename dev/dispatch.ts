import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeCause } from '../shared/http/describe-cause.js';
import type { DevLogger } from './dev-logger.js';
import type { EasyAuthEmulator } from './easy-auth/easy-auth.js';
import { applyClientPrincipal } from './easy-auth/principal.js';
import type { HttpFunctionRoutes } from './http-functions.js';
import { invokeHttpFunction } from './invoke.js';
import { BodyTooLargeError, readRequestBody } from './request-body.js';
import { sendError } from './send.js';
import type { StaticFiles } from './static-files.js';
import { writeHttpResponse } from './write-response.js';

export interface DispatchContext {
  routes: HttpFunctionRoutes;
  easyAuth: EasyAuthEmulator;
  staticFiles: StaticFiles;
  logger: DevLogger;
  /** The host:port to assume when a request's Host header is missing or malformed. */
  fallbackHost: string;
  maxBodyBytes: number;
}

/** Connection-level headers that describe the hop to the dev host, not the request. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);
const HOST_HEADER = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function requestUrl(req: IncomingMessage, fallbackHost: string): URL {
  const host = req.headers.host && HOST_HEADER.test(req.headers.host) ? req.headers.host : fallbackHost;
  // Leading slashes collapsed: a handler that builds a return URL from the path (the sign-in
  // redirect does) must never produce `//evil/x`, which browsers read as another host.
  const target = req.url?.startsWith('/') ? req.url.replace(/^\/+/, '/') : '/';
  // Concatenated, not resolved, so nothing in the target can change the host.
  return new URL(`http://${host}${target}`);
}

function handlerHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    try {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    } catch {
      // A header the fetch Headers class refuses would make the request unconstructable; drop it.
    }
  }
  return headers;
}

/**
 * One request through the dev host, in the order App Service and the Functions host apply:
 * Easy Auth's /.auth/* endpoints, then the registered functions (client-sent identity headers
 * replaced by the session's), then the demo page's files, then a 404.
 */
export async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  context: DispatchContext,
): Promise<void> {
  const { logger } = context;
  const method = (req.method ?? 'GET').toUpperCase();
  const url = requestUrl(req, context.fallbackHost);
  if (await context.easyAuth.handle(req, res, url)) return;

  const match = context.routes.current().match(method, url.pathname);
  if (match) {
    let body: Buffer;
    try {
      body = await readRequestBody(req, context.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return sendError(res, 413, 'payload_too_large', 'The request body is too large.');
    }
    const headers = handlerHeaders(req);
    applyClientPrincipal(headers, context.easyAuth.principalOf(req));
    const invocation = { fn: match.value, params: match.params, method, url: url.href, headers, body };
    let response: Awaited<ReturnType<typeof invokeHttpFunction>>;
    try {
      response = await invokeHttpFunction(invocation, logger);
    } catch (error) {
      // Like the Functions host: the caller gets a bare 500, the details (never a stack) stay in the log.
      logger.handler(match.value.name, 'error', `unhandled error: ${describeCause(error)}`);
      return sendError(res, 500, 'internal_error', 'The function failed. See the dev host log.');
    }
    await writeHttpResponse(res, response, method);
    return;
  }

  if (await context.staticFiles.serve(req, res, url)) return;
  sendError(res, 404, 'not_found', `No function or page serves ${method} ${url.pathname}.`);
}

/** Wraps dispatch so that nothing a request does can take the process down. */
export function createRequestListener(context: DispatchContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    res.once('finish', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      context.logger.request(req.method ?? '?', path, res.statusCode, performance.now() - started);
    });
    dispatch(req, res, context).catch((error: unknown) => {
      // A client that went away mid-request is not a fault; there is nobody to answer.
      if (req.destroyed || res.destroyed || (error as { code?: string })?.code === 'ECONNRESET') {
        res.destroy();
        return;
      }
      // The name and message only: log lines never carry stack traces (README, Errors).
      context.logger.warn(`request failed: ${describeCause(error)}`);
      if (res.headersSent) return res.destroy();
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      sendError(res, 500, 'internal_error', 'The dev host failed to serve this request.');
    });
  };
}
