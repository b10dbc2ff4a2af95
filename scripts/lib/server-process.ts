import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../dev/azurite.js';
import { APP_SETTINGS } from '../../shared/config.js';
import { exited, keepOutput, spawnNode, stopChild } from './children.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Preloaded into every server child (a data: URL, so nothing is added to the servers): answers with
 * the process's CPU time (all threads) and memory, after a full GC if asked (the live heap, without
 * GC's sawtooth). The child ends when its parent goes away.
 */
const PROBE = `process.on('message', (m) => {
  if (typeof m?.probe !== 'number' || !process.connected) return;
  if (m.gc) { globalThis.gc(); globalThis.gc(); }
  const { rss, heapUsed, external } = process.memoryUsage();
  process.send({ probe: m.probe, cpu: process.cpuUsage(), memory: { rss, heapUsed, external } });
});
process.on('disconnect', () => process.exit(0));
process.channel?.unref();`;

export type MemoryReading = Record<'rss' | 'heapUsed' | 'external', number>;
type Probe = { cpu: NodeJS.CpuUsage; memory: MemoryReading };
export type ServerProcess = Awaited<ReturnType<typeof startServerProcess>>;

/**
 * A server script in a `node` process of its own on a free loopback port (PORT), ready once it
 * answers HTTP. Its stdout is discarded: a request log is not what is measured.
 */
export async function startServerProcess(args: string[], env: NodeJS.ProcessEnv, signal?: NodeJS.Signals) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnNode(
    ['--expose-gc', '--import', `data:text/javascript,${encodeURIComponent(PROBE)}`, ...args],
    {
      cwd: ROOT,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    },
  );
  const output = keepOutput(child);
  const deadline = Date.now() + 60_000;
  while (!(await fetch(url, { redirect: 'manual' }).catch(() => undefined))) {
    if (exited(child) || Date.now() > deadline) {
      await stopChild(child, 'SIGKILL');
      throw new Error(`${args.at(-1)} did not start (exit ${child.exitCode}):\n${output()}`);
    }
    await sleep(100);
  }
  let asked = 0;
  return {
    url,
    child,
    probe: (gc = false) =>
      new Promise<Probe>((resolve, reject) => {
        const id = ++asked;
        const timer = setTimeout(() => reject(new Error('the server did not answer the probe')), 10_000);
        const onMessage = (message: { probe?: number }) => {
          if (message?.probe !== id) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(message as Probe);
        };
        child.on('message', onMessage);
        child.send({ probe: id, gc });
      }),
    stop: () => stopChild(child, signal),
  };
}

/**
 * `npm start`'s dev host (`node dist/dev/start.js`: the bundled function modules, Easy Auth
 * emulated) with a temporary data folder and the given app settings, none of the caller's.
 */
export async function startDevHostProcess(settings: Record<string, string>): Promise<ServerProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'portal-sts-host-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  for (const name of [...Object.keys(APP_SETTINGS), 'NODE_OPTIONS']) delete env[name];
  const removeData = () => rm(dataDir, { recursive: true, force: true });
  const start = path.join(ROOT, 'dist/dev/start.js');
  // SIGINT: start.ts closes the host and exits 0.
  const host = await startServerProcess([start], { ...env, ...settings }, 'SIGINT').catch((error: unknown) =>
    removeData().then(() => Promise.reject(error)),
  );
  return { ...host, stop: () => host.stop().finally(removeData) };
}
