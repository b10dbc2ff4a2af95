import os from 'node:os';
import { runNode } from '../../lib/children.js';

/** The Machine table's rows. On Linux, libuv reads the CPU model from /proc/cpuinfo's `model name`. */
export const describeMachine = () => [
  ['CPU model (os.cpus)', os.cpus()[0]?.model ?? 'unknown'],
  ['cores (os.availableParallelism)', String(os.availableParallelism())],
  ['memory', `${Math.round((os.totalmem() / 2 ** 30) * 10) / 10} GiB`],
  ['Node.js', process.version],
  ['OS', `${os.type()} ${os.release()} ${os.arch()}`],
  // libuv's thread pool runs async crypto; its size bounds how many signatures run in parallel.
  ['libuv thread pool', `${process.env.UV_THREADPOOL_SIZE ?? 4} threads`],
];

/** Signs RSA 2048 on the main thread for a fixed time and prints how many it did. */
const SIGN_LOOP = `
const { generateKeyPairSync, sign } = require('node:crypto');
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const data = Buffer.alloc(600);
const end = performance.now() + Number(process.argv[1]);
let n = 0;
while (performance.now() < end) { sign('sha256', data, privateKey); n++; }
process.stdout.write(String(n));
`;

const signLoop = async (ms: number) =>
  Number((await runNode(['-e', SIGN_LOOP, String(ms)], { timeoutMs: 60_000 }))[0]);

/**
 * How much a second signing process adds: two processes' signatures at once over one process's in
 * the same time. 2.0 is two free cores; near 1 means the second one is a hyperthread or busy, and
 * the thread pool cannot double signing throughput either.
 */
export async function parallelSigningScale(ms = 1500) {
  const one = await signLoop(ms);
  const two = (await Promise.all([signLoop(ms), signLoop(ms)])).reduce((a, b) => a + b);
  return { one, two, scale: two / one };
}
