import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

/** Every process the benchmark or the load run starts, so a failure or a deadline ends exactly those. */
const running = new Set<ChildProcess>();

/** A `node` child (stdio piped unless told otherwise), tracked until it exits. */
export function spawnNode(args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** The last 20 kB a child wrote to stdout and stderr, for the error message if it fails. */
export function keepOutput(child: ChildProcess): () => string {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => output;
}

export const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Ends a child and waits for it: `signal`, then SIGKILL after a grace period. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000) {
  if (exited(child)) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** A watchdog's last resort: the children this process started, and nothing else. */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}
