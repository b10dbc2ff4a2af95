// One fresh instance under plain `node`, bundled by sections/cold-start.ts. The unbundled build loads
// node_modules' @azure/functions (its load is part of the modules'); the deployed package carries its
// own copy. This file takes the request classes from node_modules' copy, outside the timings.
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { HttpHandler, HttpResponseInit } from '@azure/functions';
import { installFunctionsCore } from '../../dev/functions-core.js';
import { principalHeaders } from '../../test/support/easy-auth-headers.js';
import { boundedLoop } from './lib/measure.js';

// The Functions worker provides @azure/functions-core; the dev host's stand-in plays it here.
installFunctionsCore();
const files = JSON.parse(process.env.BENCH_FUNCTION_MODULES ?? '[]') as string[];
const importStart = performance.now();
const modules: Array<Record<string, unknown>> = [];
for (const file of files) modules.push(await import(pathToFileURL(file).href));
/** ms since the process started (performance.timeOrigin): all functions registered. */
const registeredAt = performance.now();
const handler = modules.find((module) => typeof module.tokenHandler === 'function')
  ?.tokenHandler as HttpHandler;
const functions = (await import('@azure/functions')).default;
async function issueToken() {
  const request = new functions.HttpRequest({
    method: 'GET',
    url: 'https://sts.contoso.example/_services/auth/token?client_id=demo-app&state=s&nonce=n',
    headers: principalHeaders({ id: 'ada-0001', name: 'ada@contoso.com' }),
  });
  const invocation = new functions.InvocationContext({ functionName: 'token', logHandler: () => {} });
  const response = (await handler(request, invocation)) as HttpResponseInit;
  if (response.status !== 200) throw new Error(`the token handler answered ${response.status}`);
}
const tokenStart = performance.now();
await issueToken();
const [loadMs, firstTokenMs] = [registeredAt - importStart, performance.now() - tokenStart];
process.stdout.write(`${JSON.stringify({ loadMs, registeredAt, firstTokenMs })}\n`);

// Steady state, when asked: the parent counts backend calls between the first token and these.
const steadyTokens = Number(process.env.BENCH_STEADY_TOKENS ?? 0);
if (steadyTokens > 0) {
  const lines = createInterface({ input: process.stdin });
  await new Promise((resolve) => lines.once('line', resolve));
  const run = await boundedLoop(issueToken, { maxOps: steadyTokens, maxMs: 60_000, concurrency: 8 });
  process.stdout.write(`${JSON.stringify({ tokens: run.ops })}\n`);
}
// Open sockets (the Table client's keep-alive agent) would keep the process alive.
process.exit(0);
