import { type ChildProcess, fork, type SpawnOptions, spawn } from 'node:child_process';

/** Every process the benchmark starts, so a failure or the watchdog can end exactly those. */
const running = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/**
 * A TypeScript child under tsx, with an IPC channel for its results. Its output is kept, not shown
 * (oidc-provider warns about its development defaults), and printed only if it fails.
 */
export function forkTs(script: string, env: NodeJS.ProcessEnv, args: string[] = []): ChildProcess {
  const child = fork(script, args, {
    env,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', (code, signal) => {
    if (code !== 0 && code !== null && signal === null)
      process.stderr.write(`${script} exited ${code}:\n${output}\n`);
  });
  return track(child);
}

/** A plain `node` child (cold starts: no loader in the way), stdout captured. */
export function spawnNode(args: string[], options: SpawnOptions): ChildProcess {
  return track(spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** The next IPC message of a child that satisfies `accept`, or a rejection when it exits first or times out. */
export function nextMessage<T>(
  child: ChildProcess,
  accept: (message: unknown) => message is T,
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`no message from the child in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: unknown) => {
      if (accept(message)) finish(undefined, message);
    };
    const onExit = (code: number | null) => finish(new Error(`the child exited (${code}) before answering`));
    function finish(error: Error | undefined, message?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as T);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Ends a child and waits for it (SIGTERM, then SIGKILL after a grace period). */
export function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The watchdog's last resort: the children this process started, and nothing else. */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}
