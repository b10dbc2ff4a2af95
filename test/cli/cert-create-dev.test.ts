import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCertificateStore } from '../../shared/certs/local-certificate-store.js';
import { expectExit } from './run-cli.js';
import { certificateDir } from './test-certificates.js';

describe('cert create-dev', () => {
  it('creates the default certificate under .data/certificates of the working folder', async () => {
    const cwd = await certificateDir();
    const run = await expectExit(0, ['cert', 'create-dev'], { cwd });
    const path = join(cwd, '.data', 'certificates', 'portal-sts-signing.pem');
    const [created, thumbprint] = run.stdout.trim().split('\n');
    expect(created).toBe(`created ${path}`);
    expect(thumbprint).toMatch(/^thumbprint: [0-9A-F]{40}$/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const store = new LocalCertificateStore({
      dir: join(cwd, '.data', 'certificates'),
      defaultName: 'portal-sts-signing',
    });
    expect(`thumbprint: ${(await store.get(undefined)).thumbprint}`).toBe(thumbprint);
  });

  it('creates an EC key with --key ec, and prints JSON', async () => {
    const dir = await certificateDir();
    const run = await expectExit(0, [
      'cert',
      'create-dev',
      '--dir',
      dir,
      '--name',
      'ec-dev',
      '--key',
      'ec',
      '--json',
    ]);
    const { path, thumbprint, key } = run.json<{ path: string; thumbprint: string; key: string }>();
    expect(path).toBe(join(dir, 'ec-dev.pem'));
    expect(key).toBe('ec');
    const store = new LocalCertificateStore({ dir, defaultName: 'ec-dev' });
    expect(await store.get(thumbprint)).toMatchObject({ alg: 'ES256' });
  });

  it('refuses to replace an existing certificate without --force, and bad options', async () => {
    const dir = await certificateDir();
    await expectExit(0, ['cert', 'create-dev', '--dir', dir]);
    const before = await readFile(join(dir, 'portal-sts-signing.pem'), 'utf8');
    const again = await expectExit(2, ['cert', 'create-dev', '--dir', dir]);
    expect(again.stderr).toContain('exists: pass --force to replace it');
    expect(await readFile(join(dir, 'portal-sts-signing.pem'), 'utf8')).toBe(before);
    await expectExit(0, ['cert', 'create-dev', '--dir', dir, '--force']);
    expect(await readFile(join(dir, 'portal-sts-signing.pem'), 'utf8')).not.toBe(before);
    await expectExit(2, ['cert', 'create-dev', '--dir', dir, '--key', 'dsa']);
    await expectExit(2, ['cert', 'create-dev', '--dir', dir, '--name', '../escape']);
  });
});
