import { type ChildProcess, spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevHost } from '../../dev/host.js';

const FUNCTIONS = fileURLToPath(new URL('../../functions/', import.meta.url));

/**
 * A second instance of the service: the dev host in its own Node process, with the app settings
 * of the first (same Table storage, certificates and PUBLIC_BASE_URL), as two Function App
 * instances behind one host name have. Run as a script, it prints its URL as one JSON line.
 */
export async function startSecondInstance(): Promise<{ url: string; close(): Promise<void> }> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((text) => text.startsWith('{"url"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`the second instance exited with ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<void> {
  const modules = (await readdir(FUNCTIONS)).filter((name) => name.endsWith('.ts'));
  const host = await startDevHost({
    port: 0,
    functionModules: modules.map((name) => path.join(FUNCTIONS, name)),
    logSink: () => {},
  });
  process.stdout.write(`${JSON.stringify({ url: host.url })}\n`);
  process.once('SIGTERM', () => {
    host.close().finally(() => process.exit(0));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
