import { fixed, int, list, table } from '../lib/format.js';
import type { EventLoopResult } from '../sections/event-loop.js';

export function renderEventLoop(result: EventLoopResult, parallelScale: number | undefined): string {
  const rows = result.sides.map((side) => [
    side.description,
    int(side.medianOpsPerSecond),
    fixed(side.medianDelay.p50, 1),
    fixed(side.medianDelay.p99, 1),
    fixed(side.medianDelay.max, 1),
    list(side.opsPerSecond),
  ]);
  const byName = new Map(result.sides.map((side) => [side.name, side]));
  const sync = byName.get('sync');
  const callback = byName.get('callback');
  const jose = byName.get('jose');
  const finding =
    sync && callback && jose
      ? `Synchronous signing kept timers (and so sockets) waiting ${fixed(sync.medianDelay.p50, 1)} ms at the median and
${fixed(sync.medianDelay.p99, 1)} ms at p99; with the thread pool the loop ran ${fixed(callback.medianDelay.p50, 1)} ms (callback) and
${fixed(jose.medianDelay.p50, 1)} ms (jose) late at the median. Throughput: ${int(callback.medianOpsPerSecond)}/s with the callback,
${int(jose.medianOpsPerSecond)}/s with jose, ${int(sync.medianOpsPerSecond)}/s synchronous.`
      : '';
  return `## Asynchronous signing and the event loop

Does signing block the event loop? jose 6 on Node does not call \`crypto.sign\`: it signs with
WebCrypto (\`crypto.subtle.sign\`, node_modules/jose/dist/webapi/lib/jws_sign.js), which Node runs as
a job on libuv's thread pool. So jose already freed the event loop; what it cost was main-thread
work around the signature (see section 1). \`crypto.sign(alg, data, key)\` without a callback signs on
the main thread; with a callback it uses the thread pool (${result.concurrency} calls in flight,
RSA 2048, the same claims; each call first yields to the event loop, as requests arriving on sockets
do). Event-loop lateness is what \`perf_hooks.monitorEventLoopDelay\` recorded beyond its 2 ms
interval: how long a timer, or a socket's data, waited for the loop.

${table(['signer', 'per second (median)', 'loop late p50 (ms)', 'p99 (ms)', 'max (ms)', 'per round'], rows)}

${finding}

At the start of this run two processes signing at once reached ${fixed(parallelScale ?? Number.NaN)} times one process's rate (see
Machine); this changes with the other work on the shared machine, which is why the thread-pool rows
vary more from round to round than the synchronous one: the second vCPU adds signing capacity only
when it is free, to the thread pool as to anything else. The point of the thread pool is the loop
staying free: a server that signs synchronously cannot accept, read or answer anything else for the
length of every signature it is computing. shared/token/sign-token.ts uses \`crypto.sign\` with a
callback.
`;
}
