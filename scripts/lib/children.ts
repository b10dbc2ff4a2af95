import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Every process the benchmark or the load run starts, so a failure or a deadline ends exactly those. */
const running = new Set<ChildProcess>();

export function spawnNode(args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** The last 20 kB a child wrote, for the error message if it fails. */
export function keepOutput(child: ChildProcess): () => string {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => output;
}

/**
 * Runs a `node` child to its end (SIGKILL after `timeoutMs`) and returns its stdout's lines; `onLine`
 * sees each one as it comes. A failed exit throws with the end of its output.
 */
export async function runNode(
  args: string[],
  options: SpawnOptions & { timeoutMs: number; onLine?: (line: string, child: ChildProcess) => void },
): Promise<string[]> {
  const { timeoutMs, onLine, ...spawnOptions } = options;
  const child = spawnNode(args, spawnOptions);
  const output = keepOutput(child);
  const lines: string[] = [];
  createInterface({ input: child.stdout as Readable }).on('line', (line) => {
    lines.push(line);
    onLine?.(line, child);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`node ${args.at(-1)} failed (exit ${code}): ${output()}`);
  return lines;
}

export const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Ends a child and waits for it: `signal`, then SIGKILL after 10 s. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (exited(child)) return;
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const exit = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exit;
  clearTimeout(timer);
}

/** A watchdog's last resort: the children this process started, and nothing else. */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}
