import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';

export interface AzuriteOptions {
  /** Keep data in memory (tests); otherwise under `dataDir`. */
  inMemory?: boolean;
  dataDir?: string;
}

export interface RunningAzurite {
  connectionString: string;
  port: number;
  stop(): Promise<void>;
}

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A port that is free on `hostname` now (another process may still take it before it is used). */
export async function freePort(hostname = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, hostname, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function azuriteTableBin(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('azurite/package.json')), 'dist/src/table/main.js');
}

function waitForStart(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Azurite did not start in 30 s: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('successfully started') || output.includes('successfully listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with ${code}: ${output}`));
    });
  });
}

/**
 * Starts Azurite's Table service on a free loopback port. Azurite prints port 0 back when asked
 * for port 0, so we pick the free port ourselves and retry if another process takes it first.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = [azuriteTableBin(), '--tableHost', '127.0.0.1', '--tablePort', String(port)];
    args.push('--disableTelemetry', '--skipApiVersionCheck', '--loose');
    if (options.inMemory || !options.dataDir) args.push('--inMemoryPersistence');
    else args.push('--location', options.dataDir);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await waitForStart(child);
    } catch (error) {
      child.kill();
      if (attempt < 3) continue;
      throw error;
    }
    child.stdout?.resume();
    child.stderr?.resume();
    const connectionString =
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      `TableEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
    return {
      connectionString,
      port,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          // SIGINT, not SIGTERM: Azurite saves its data on SIGINT (otherwise only every 5 s).
          child.kill('SIGINT');
        }),
    };
  }
}
