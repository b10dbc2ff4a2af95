import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_SETTINGS } from '../../shared/config.js';
import { exited, keepOutput, spawnNode, stopChild } from './children.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Preloaded into every server child: answers the parent's IPC questions with the process's CPU
 * time (all threads, the thread pool's signatures included) and memory, after a full GC when
 * asked (--expose-gc), so the live heap is read without GC's sawtooth. A data: URL: nothing is
 * added to the servers for it. A server whose parent went away ends.
 */
const PROBE = `
process.on('message', (message) => {
  if (typeof message?.probe !== 'number' || !process.connected) return;
  if (message.gc) { globalThis.gc?.(); globalThis.gc?.(); }
  const { rss, heapUsed, external } = process.memoryUsage();
  process.send({ probe: message.probe, cpu: process.cpuUsage(), memory: { rss, heapUsed, external } });
});
process.on('disconnect', () => process.exit(0));
process.channel?.unref();
`;

export interface MemoryReading {
  rss: number;
  heapUsed: number;
  external: number;
}
export interface ProbeReading {
  cpu: NodeJS.CpuUsage;
  memory: MemoryReading;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  probe(gc?: boolean): Promise<ProbeReading>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * A server script in a `node` process of its own on a free loopback port (given as PORT), its
 * stdout discarded (a request log is not what is measured, and a pipe nobody reads would block
 * it), ready once it answers HTTP.
 */
export async function startServerProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  stopSignal: NodeJS.Signals = 'SIGTERM',
): Promise<ServerProcess> {
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
  for (;;) {
    if (exited(child))
      throw new Error(`${args.at(-1)} exited (${child.exitCode}) while starting:\n${output()}`);
    if (Date.now() > deadline) {
      await stopChild(child, 'SIGKILL');
      throw new Error(`${args.at(-1)} did not answer in 60 s:\n${output()}`);
    }
    if (
      await fetch(url, { redirect: 'manual' }).then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  let asked = 0;
  const probe = (gc = false) =>
    new Promise<ProbeReading>((resolve, reject) => {
      const id = ++asked;
      const timer = setTimeout(() => reject(new Error('the server did not answer the probe')), 10_000);
      const onMessage = (message: ProbeReading & { probe?: number }) => {
        if (message?.probe !== id) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send({ probe: id, gc });
    });
  return { url, child, probe, stop: () => stopChild(child, stopSignal) };
}

/**
 * `npm start`'s dev host (`node dist/dev/start.js`: the bundled function modules, Easy Auth
 * emulated) with a temporary data folder and the given app settings. None of the caller's own app
 * settings (a Key Vault, another table) leak into it.
 */
export async function startDevHostProcess(settings: Record<string, string>): Promise<ServerProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'portal-sts-host-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [...Object.keys(APP_SETTINGS), 'DATA_DIR', 'NODE_OPTIONS']) delete env[name];
  try {
    // SIGINT: start.ts closes the host and exits 0.
    const host = await startServerProcess(
      [path.join(ROOT, 'dist/dev/start.js')],
      { ...env, DATA_DIR: dataDir, ...settings },
      'SIGINT',
    );
    return { ...host, stop: () => host.stop().finally(() => rm(dataDir, { recursive: true, force: true })) };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
