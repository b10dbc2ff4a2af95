// A fresh process's cold start, run with plain `node` (no tsx loader in the way). This file is
// bundled by harness.ts with esbuild; @azure/functions stays external so it is the same copy
// the function modules load, and it is imported only after them: its load is part of theirs.
const harnessStartedAt = performance.now(); // ms since the process started (performance.timeOrigin)

import { pathToFileURL } from 'node:url';
import type { HttpHandler, HttpResponseInit } from '@azure/functions';
import { functionRegistry, installFunctionsCore } from '../../../dev/functions-core.js';
import { principalHeaders, TOKEN_QUERY } from '../fixtures/principal.js';

export interface ColdStartSample {
  /** When this harness began, after Node's own start-up. */
  harnessStartedAt: number;
  /** From the first function module import to all of them imported (every app.http ran). */
  loadMs: number;
  /** From process start to all functions registered. */
  registeredAt: number;
  functions: number;
  /** From the end of loading to the first token's response: empty caches, real backends. */
  firstTokenMs: number;
  status: number | undefined;
}

// The Functions worker provides @azure/functions-core; the dev host's stand-in plays it here.
installFunctionsCore();
const files = JSON.parse(process.env.BENCH_FUNCTION_MODULES ?? '[]') as string[];

const importStart = performance.now();
const modules: Array<Record<string, unknown>> = [];
for (const file of files) modules.push((await import(pathToFileURL(file).href)) as Record<string, unknown>);
const registeredAt = performance.now();

const tokenHandler = modules.find((module) => typeof module.tokenHandler === 'function')?.tokenHandler as
  | HttpHandler
  | undefined;
if (!tokenHandler) throw new Error('no module exports tokenHandler');
const functions = (await import('@azure/functions')).default; // already loaded by the modules
const request = new functions.HttpRequest({
  method: 'GET',
  url: `https://sts.contoso.example/_services/auth/token?${TOKEN_QUERY}`,
  headers: principalHeaders(),
});
const invocation = new functions.InvocationContext({ functionName: 'token', logHandler: () => {} });
const response = (await tokenHandler(request, invocation)) as HttpResponseInit;
const tokenAt = performance.now();

const sample: ColdStartSample = {
  harnessStartedAt,
  loadMs: registeredAt - importStart,
  registeredAt,
  functions: functionRegistry().functions.size,
  firstTokenMs: tokenAt - registeredAt,
  status: response.status,
};
process.stdout.write(`${JSON.stringify(sample)}\n`);
// Open sockets (the Table client's keep-alive agent) would keep the process alive.
process.exit(0);
