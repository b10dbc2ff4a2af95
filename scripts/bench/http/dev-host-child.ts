import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevHost } from '../../../dev/host.js';
import { resetServices } from '../../../shared/services.js';
import { serveSteps } from '../lib/ipc.js';
import { stopWithParent } from './messages.js';

/**
 * The dev host in a process of its own (so autocannon in the parent does not share its event
 * loop), serving every function module as `npm start` does, with the service's app settings from
 * the environment. Request logging goes nowhere: printing a line per request is not the service.
 */
const FUNCTIONS = fileURLToPath(new URL('../../../functions/', import.meta.url));
const modules = readdirSync(FUNCTIONS)
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .map((name) => path.join(FUNCTIONS, name));

const host = await startDevHost({
  port: 0,
  hostname: '127.0.0.1',
  functionModules: modules,
  logSink: () => {},
});
// The issuer is this host, as with `npm start`; known only once it listens.
process.env.PUBLIC_BASE_URL = `http://127.0.0.1:${host.port}`;
resetServices();
stopWithParent(() => host.close());
// The benchmark reads this process's CPU time (main thread and thread pool) around each run.
serveSteps({ cpu: async () => process.cpuUsage() });
process.send?.({ type: 'ready', url: `http://127.0.0.1:${host.port}` });
