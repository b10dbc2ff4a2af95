import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KeyVaultTestServer, startTestVault } from '../support/keyvault-server/index.js';
import { azuriteConnectionString, freshSettingsTable } from '../support/settings-fixture.js';
import { type CliRun, expectCleanOutput } from './run-cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
let build: string;
let vault: KeyVaultTestServer;

/**
 * The launcher as a package install has it: bin/portal-sts.mjs next to a dist/ built by tsc, here
 * in a folder of its own (so this test never races another test's `npm run build` over dist/).
 */
beforeAll(async () => {
  build = await mkdtemp(join(tmpdir(), 'portal-sts-bin-'));
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(ROOT, 'tsconfig.json'),
      '--outDir',
      join(build, 'dist'),
    ],
    {
      cwd: ROOT,
      timeout: 180_000,
    },
  ).catch(() => {
    // Type errors elsewhere in the tree do not stop tsc from emitting; the spawn below is the check.
  });
  await mkdir(join(build, 'bin'));
  await copyFile(join(ROOT, 'bin/portal-sts.mjs'), join(build, 'bin/portal-sts.mjs'));
  await writeFile(join(build, 'package.json'), JSON.stringify({ type: 'module' }));
  await symlink(join(ROOT, 'node_modules'), join(build, 'node_modules'), 'dir');
  vault = await startTestVault();
}, 240_000);
afterAll(async () => {
  await vault?.stop();
  await rm(build, { recursive: true, force: true });
});

function spawnCli(launcher: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [launcher, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr, json: () => JSON.parse(stdout) }));
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  await new Promise((closed) => server.close(closed));
  return typeof address === 'object' && address ? address.port : 1;
}

describe('bin/portal-sts.mjs', () => {
  it('runs the built CLI: --help exits 0', async () => {
    const run = await spawnCli(join(build, 'bin/portal-sts.mjs'), ['--help'], { PATH: process.env.PATH });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: portal-sts <command> [options]');
    const usage = await spawnCli(join(build, 'bin/portal-sts.mjs'), ['settings', 'list', '--site', 'Bad'], {
      PATH: process.env.PATH,
    });
    expect(usage.code).toBe(2);
    expectCleanOutput(usage);
  });

  it('says to run npm run build when dist is missing (exit 1)', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'portal-sts-nodist-'));
    try {
      await mkdir(join(bare, 'bin'));
      await copyFile(join(ROOT, 'bin/portal-sts.mjs'), join(bare, 'bin/portal-sts.mjs'));
      const run = await spawnCli(join(bare, 'bin/portal-sts.mjs'), ['--help'], { PATH: process.env.PATH });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^portal-sts: the CLI is not built \(.+ is missing\): run `npm run build` in .+\n$/,
      );
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });

  it('answers 4 with "sign in with az login" when no credential is reachable', async () => {
    const home = await mkdtemp(join(tmpdir(), 'portal-sts-home-'));
    const { tableName } = await freshSettingsTable();
    // Only what the test vault needs, with the managed identity endpoint on a closed port, no
    // AZURE_* variables and an empty HOME (no az, azd or PowerShell sign-in to fall back on).
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      HTTPS_PROXY: process.env.HTTPS_PROXY,
      NO_PROXY: process.env.NO_PROXY,
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
      IDENTITY_ENDPOINT: `http://127.0.0.1:${await closedPort()}/msi/token`,
      IDENTITY_HEADER: 'unused',
      SITE_SETTINGS_CONNECTION_STRING: azuriteConnectionString(),
      SITE_SETTINGS_TABLE_NAME: tableName,
    };
    try {
      const launcher = join(build, 'bin/portal-sts.mjs');
      for (const args of [
        ['cert', 'publish', '--site', 'contoso', '--thumbprint', 'A'.repeat(40), '--vault', vault.url],
        ['sites', 'list', '--table-url', 'https://account.table.core.windows.net'],
      ]) {
        const run = await spawnCli(launcher, args, env);
        expect(run.code, run.stderr).toBe(4);
        expect(run.stderr).toBe(
          'portal-sts: not authenticated: sign in with az login (or set AZURE_* credentials)\n',
        );
      }
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }, 60_000);
});
