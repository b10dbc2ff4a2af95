import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { MemoryReading, MemorySample } from './memory.js';

/**
 * `npm start`'s dev host as a child process (`node dist/dev/start.js`), so the run measures the
 * real start path: the compiled functions, the host's request log on stdout, its own process. A
 * module preloaded with --import reports process.memoryUsage() over IPC every 250 ms, and on
 * request runs a full GC first (--expose-gc) and reports the memory still in use: the live heap,
 * which GC's sawtooth does not blur. It is a data: URL, so nothing is added to the project for it.
 */

const SAMPLE_INTERVAL_MS = 250;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

const MEMORY_PROBE = `
const timer = setInterval(() => {
  const { rss, heapUsed, external } = process.memoryUsage();
  if (process.connected) process.send({ memory: { rss, heapUsed, external } });
}, ${SAMPLE_INTERVAL_MS});
timer.unref();
process.on('message', (message) => {
  if (message?.collect !== true || !process.connected) return;
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  process.send({ afterGc: { rss, heapUsed, external } });
});
process.channel?.unref();
`;

export interface HostProcess {
  url: string;
  pid: number;
  /** Samples from now on, until stopSampling(). */
  startSampling(): void;
  stopSampling(): MemorySample[];
  /** Memory in use after a full GC in the host. */
  memoryAfterGc(): Promise<MemoryReading>;
  stop(): Promise<void>;
}

function isMemoryMessage(message: unknown): message is { memory: MemoryReading } {
  return typeof message === 'object' && message !== null && 'memory' in message;
}

function isAfterGcMessage(message: unknown): message is { afterGc: MemoryReading } {
  return typeof message === 'object' && message !== null && 'afterGc' in message;
}

/** Resolves with the host's URL once it prints its listening line; rejects if it exits or hangs. */
function listeningUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the dev host did not start in 60 s:\n${output()}`)),
      START_TIMEOUT_MS,
    );
    const onData = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output());
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the dev host exited (${code}) while starting:\n${output()}`));
    });
  });
}

export async function startHostProcess(root: string, env: NodeJS.ProcessEnv): Promise<HostProcess> {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      `data:text/javascript,${encodeURIComponent(MEMORY_PROBE)}`,
      path.join(root, 'dist/dev/start.js'),
    ],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  // Keep the start-up output for error messages; after that, drain the request log unread (a full
  // pipe would block the host).
  let startup = '';
  const keep = (chunk: Buffer) => {
    if (startup.length < 100_000) startup += chunk.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const samples: MemorySample[] = [];
  let sampling: number | undefined;
  child.on('message', (message) => {
    if (sampling === undefined || !isMemoryMessage(message)) return;
    samples.push({ at: performance.now() - sampling, ...message.memory });
  });

  let url: string;
  try {
    url = await listeningUrl(child, () => startup);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  child.stdout?.off('data', keep);
  child.stdout?.resume();

  return {
    url,
    pid: child.pid ?? -1,
    startSampling() {
      samples.length = 0;
      sampling = performance.now();
    },
    stopSampling() {
      sampling = undefined;
      return [...samples];
    },
    memoryAfterGc: () =>
      new Promise<MemoryReading>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('the host did not report its memory after GC')),
          10_000,
        );
        const onMessage = (message: unknown) => {
          if (!isAfterGcMessage(message)) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(message.afterGc);
        };
        child.on('message', onMessage);
        child.send({ collect: true });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        // SIGINT: start.ts closes the host and its Azurite (none here) and exits 0.
        child.kill('SIGINT');
      }),
  };
}
