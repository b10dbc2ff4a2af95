import { boundedLoop } from '../lib/bounded-loop.js';
import { loadTokenHandlers } from '../lib/functions.js';
import { serveSteps } from '../lib/ipc.js';
import { issueToken } from '../sections/in-process.js';

/**
 * An instance signing with Key Vault (CERTIFICATE_SOURCE=keyvault) in a process of its own, since
 * NODE_EXTRA_CA_CERTS (the test vault's CA) is read at process start. The parent counts the
 * vault's requests between the steps: the first token (empty caches), then steady state.
 */
const { tokenHandler } = await loadTokenHandlers();
const tokens = Number(process.env.BENCH_STEADY_TOKENS ?? 1000);

serveSteps({
  first: async () => {
    const t0 = performance.now();
    await issueToken(tokenHandler);
    return { ms: performance.now() - t0 };
  },
  steady: async () => {
    const result = await boundedLoop(() => issueToken(tokenHandler), {
      maxOps: tokens,
      maxMs: 60_000,
      concurrency: 8,
    });
    return { tokens: result.ops, ms: result.ms };
  },
});
process.send?.({ type: 'ready', url: '' });
