import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createDevLogger, type LogSink } from './dev-logger.js';
import { createRequestListener, type DispatchContext } from './dispatch.js';
import { EasyAuthEmulator } from './easy-auth/easy-auth.js';
import { PROVIDER } from './easy-auth/principal.js';
import { functionRegistry, installFunctionsCore } from './functions-core.js';
import { HttpFunctionRoutes, httpFunctions } from './http-functions.js';
import { functionModuleFiles, importFunctionModules } from './load-functions.js';
import { projectRoot } from './project-root.js';
import { StaticFiles } from './static-files.js';
import { startTimers, timerFunctions } from './timers.js';

export interface DevHostOptions {
  /** Default: PORT from the environment, else 7071. 0 picks a free port (tests). */
  port?: number;
  /** Default: HOST from the environment, else 127.0.0.1: the fake sign-in must not face the network. */
  hostname?: string;
  /**
   * Function module files to import. Default: what package.json "main" names (dist/bundle/functions/*.js, built by npm run build),
   * as the Functions host discovers them. Modules imported before the host starts are served too.
   */
  functionModules?: readonly string[];
  /** The demo page folder. Default: dev/public of the repository. */
  publicDir?: string;
  /** Where log lines go. Default: stdout. */
  logSink?: LogSink;
  /** Default: 10 MiB. */
  maxBodyBytes?: number;
  /**
   * How long a connection may take to send its request head (default 10 s), its whole request
   * (default 30 s), and stay idle between requests (default 5 s), so slow or idle clients cannot
   * hold connections open. Tests shorten them.
   */
  timeouts?: { headersMs?: number; requestMs?: number; keepAliveMs?: number };
}

export interface DevHost {
  url: string;
  port: number;
  /** The route templates served, in matching order. */
  routes(): string[];
  close(): Promise<void>;
}

function defaultPort(): number {
  const port = Number(process.env.PORT ?? 7071);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be a TCP port number');
  return port;
}

/**
 * Starts the local stand-in for `func start`: an HTTP server that serves the functions registered
 * through `app.http(...)` with Easy Auth emulated in front of them, plus the demo page, and runs
 * the functions registered through `app.timer(...)` on their schedules. A route template or
 * schedule the dev host cannot serve exactly as Azure would fails the start, naming the function.
 */
export async function startDevHost(options: DevHostOptions = {}): Promise<DevHost> {
  const registry = functionRegistry();
  installFunctionsCore();
  const logger = createDevLogger(options.logSink);
  registry.systemLog = (level, category, message) => {
    if (level !== 'debug' && level !== 'trace')
      logger.info(`functions-core ${level} (${category}): ${message}`);
  };
  // What App Service sets when Authentication is on; the handlers only trust principal headers then.
  process.env.WEBSITE_AUTH_ENABLED = 'True';
  process.env.AUTH_LOGIN_PROVIDER = PROVIDER;

  const root = projectRoot();
  await importFunctionModules(options.functionModules ?? (await functionModuleFiles(root)));
  const routes = new HttpFunctionRoutes(registry);
  routes.current();
  const timers = timerFunctions(registry);
  const port = options.port ?? defaultPort();
  const hostname = options.hostname ?? process.env.HOST ?? '127.0.0.1';
  const context: DispatchContext = {
    routes,
    easyAuth: new EasyAuthEmulator(),
    staticFiles: new StaticFiles(options.publicDir ?? path.join(root, 'dev', 'public')),
    logger,
    fallbackHost: `localhost:${port}`,
    maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
  };
  const { headersMs = 10_000, requestMs = 30_000, keepAliveMs = 5_000 } = options.timeouts ?? {};
  const server = createServer(
    {
      headersTimeout: headersMs,
      requestTimeout: Math.max(requestMs, headersMs),
      keepAliveTimeout: keepAliveMs,
      // How often Node checks the two request timeouts (default 30 s, longer than they are).
      connectionsCheckingInterval: Math.min(1_000, headersMs / 2),
    },
    createRequestListener(context),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  context.fallbackHost = `localhost:${actualPort}`; // port 0 is only known now
  for (const fn of httpFunctions(registry)) {
    logger.info(
      `${fn.name}: [${fn.methods?.join(',') ?? 'all methods'}] /${fn.route} (authLevel ${fn.authLevel})`,
    );
  }
  for (const timer of timers) logger.info(`${timer.name}: timer`);
  const stopTimers = startTimers(timers, logger);

  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${actualPort}`,
    port: actualPort,
    routes: () => routes.current().templates(),
    close() {
      stopTimers();
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
