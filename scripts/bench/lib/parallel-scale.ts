import { spawnNode } from './children.js';

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

async function signLoop(ms: number): Promise<number> {
  const child = spawnNode(['-e', SIGN_LOOP, String(ms)], {});
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  await new Promise((resolve) => child.once('exit', resolve));
  return Number(out);
}

/**
 * How much a second signing process adds: the signatures of two processes at once over one
 * process's, same time. 2.0 is two real cores; near 1 means the "second core" is a hyperthread
 * or contended, and the thread pool cannot double signing throughput either.
 */
export async function parallelSigningScale(ms = 1500): Promise<{ one: number; two: number; scale: number }> {
  const one = await signLoop(ms);
  const [a, b] = await Promise.all([signLoop(ms), signLoop(ms)]);
  const two = a + b;
  return { one, two, scale: two / one };
}
