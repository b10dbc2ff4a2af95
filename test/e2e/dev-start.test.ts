import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SETTINGS } from '../../shared/config.js';

/**
 * `npm start` as a developer runs it on a fresh clone: build, then dist/dev/start.js with no
 * .data folder and nothing configured. Slow (a full tsc build and a real Azurite), hence the timeouts.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let scratch: string;
const children = new Set<ChildProcess>();

interface Started {
  child: ChildProcess;
  output: () => string;
  publicKeyUrl: string;
  azuritePort: number;
}

/** The environment of a developer's shell: none of the app settings, none of the test run's. */
function cleanEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir };
  for (const name of [...Object.keys(APP_SETTINGS), 'AZURITE_CONNECTION_STRING', 'NODE_OPTIONS', 'HOST'])
    delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
  return env;
}

async function start(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, ['dist/dev/start.js'], {
    cwd: ROOT,
    env: cleanEnv(dataDir),
    stdio: 'pipe',
  });
  children.add(child);
  let output = '';
  const ready = new Promise<Started>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URLs printed in 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const publicKey = /Public key: (\S+)/.exec(output)?.[1];
      const azurite = /Azurite \(site settings\) on 127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (publicKey && azurite && output.includes('Press Ctrl+C to stop.')) {
        clearTimeout(timer);
        resolve({ child, output: () => output, publicKeyUrl: publicKey, azuritePort: Number(azurite) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start.js exited with ${code}:\n${output}`));
    });
  });
  return ready;
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'portal-sts-start-'));
  try {
    await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, timeout: 240_000 });
  } catch (error) {
    // tsc reports on stdout; without it the failure says only "Command failed".
    throw new Error(
      `npm run build failed (so would npm start):\n${(error as { stdout?: string }).stdout ?? error}`,
    );
  }
}, 300_000);

afterAll(async () => {
  for (const child of children) await stop(child);
  await rm(scratch, { recursive: true, force: true });
});

describe('npm start (node dist/dev/start.js)', () => {
  it('comes up on a fresh clone, prints its URLs, serves the key and the flow, and stops cleanly', async () => {
    const dataDir = path.join(scratch, 'fresh', '.data'); // does not exist yet
    const first = await start(dataDir);
    const base = new URL(first.publicKeyUrl).origin;
    expect(first.output()).toContain(`Demo page:  ${base}/`);
    expect(first.output()).toContain(`Sign in:    ${base}/.auth/login/dev?post_login_redirect_uri=/`);
    expect(first.output()).toContain(`Token:      ${base}/_services/auth/token?client_id=demo-app`);
    expect(first.output()).toContain(`JWKS:       ${base}/contoso/oauth2/v1/keys`);
    // The admin CLI's settings for this run, for `set -a; . .data/dev.env; set +a`.
    const cliEnv = await readFile(path.join(dataDir, 'dev.env'), 'utf8');
    expect(cliEnv).toContain(`TableEndpoint=http://127.0.0.1:${first.azuritePort}/devstoreaccount1;`);
    expect(cliEnv).toContain(`LOCAL_CERTIFICATES_DIR='${path.join(dataDir, 'certificates')}'`);
    expect(first.output()).toContain('Created a development signing certificate');
    expect(first.output()).toContain('Seeded site "contoso"');
    expect(await readdir(path.join(dataDir, 'certificates'))).toEqual(['portal-sts-signing.pem']);

    const key = await fetch(first.publicKeyUrl);
    expect(key.status).toBe(200);
    const pem = await key.text();
    expect(pem).toContain('-----BEGIN PUBLIC KEY-----');
    expect((await fetch(`${base}/`)).status).toBe(200);
    const anonymous = await fetch(`${base}/_services/auth/token?client_id=demo-app`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(JSON.parse(anonymous.headers.get('x-responded-json') ?? '{}')).toMatchObject({ status: 401 });

    // No wait for Azurite's 5 s autosave: dev/azurite.ts stops it with SIGINT, on which it saves,
    // so the second start below proves the seed written just now survived.
    expect(await stop(first.child)).toBe(0);
    expect(await portIsClosed(first.azuritePort)).toBe(true);

    // A second start keeps the certificate and the site the first one created.
    const second = await start(dataDir);
    expect(second.output()).not.toContain('Created a development signing certificate');
    expect(second.output()).not.toContain('Seeded site');
    expect(await (await fetch(second.publicKeyUrl)).text()).toBe(pem);
    expect(await stop(second.child)).toBe(0);
  }, 240_000);
});
