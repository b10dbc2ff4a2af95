import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultAzureCredential } from '@azure/identity';
import { CertificateClient } from '@azure/keyvault-certificates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevCertificate } from '../../dev/dev-certificate.js';
import type { SettingsTable } from '../../shared/settings/settings-table.js';
import { type KeyVaultTestServer, startTestVault } from '../support/keyvault-server/index.js';
import { toPkcs12 } from '../support/pkcs12-builder.js';
import { seedSite } from '../support/settings-fixture.js';
import { freshCliStore, storedSetting } from './cli-fixture.js';
import { expectExit } from './run-cli.js';
import { makeCertificate } from './test-certificates.js';

let table: SettingsTable;
let env: Record<string, string>;
let vault: KeyVaultTestServer;

const A = 'A'.repeat(40);
const B = 'B'.repeat(40);
const C = 'C'.repeat(40);
const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (seconds: number) => ({ env, now: new Date(T0.getTime() + seconds * 1000) });
const setting = (site: string, name: string) => storedSetting(table, site, name);

beforeAll(async () => {
  ({ table, env } = await freshCliStore());
  vault = await startTestVault();
});
afterAll(() => vault?.stop());

describe('cert publish, activate, retire, status', () => {
  it('rotates a site from A to B without a moment where a valid token fails', async () => {
    await seedSite(table, 'rotating', { 'CustomCertificates/ImplicitGrantflow': A });
    const published = await expectExit(
      0,
      ['cert', 'publish', '--site', 'rotating', '--thumbprint', B.toLowerCase()],
      at(0),
    );
    expect(published.stdout).toContain(`${B} published for rotating`);
    expect(await setting('rotating', 'CustomCertificates/ImplicitGrantflow/Upcoming')).toBe(B);

    const activated = await expectExit(
      0,
      ['cert', 'activate', '--site', 'rotating', '--thumbprint', B],
      at(600),
    );
    expect(activated.stderr).toBe('');
    expect(await setting('rotating', 'CustomCertificates/ImplicitGrantflow')).toBe(B);
    expect(await setting('rotating', 'CustomCertificates/ImplicitGrantflow/Upcoming')).toBeUndefined();
    expect(await setting('rotating', 'CustomCertificates/ImplicitGrantflow/Previous')).toBe(
      `${A}@2026-03-01T12:10:00.000Z`,
    );

    const status = await expectExit(0, ['cert', 'status', '--site', 'rotating', '--json'], at(700));
    expect(status.json()).toEqual({
      site: 'rotating',
      active: B,
      upcoming: [],
      previous: [
        {
          thumbprint: A,
          retiredAt: '2026-03-01T12:10:00.000Z',
          acceptedUntil: '2026-03-01T13:10:00.000Z',
          retirable: false,
        },
      ],
      published: [B, A],
    });
    const text = await expectExit(0, ['cert', 'status', '--site', 'rotating'], at(700));
    expect(text.stdout).toBe(
      `active:   ${B}\nprevious: ${A} retired 2026-03-01T12:10:00.000Z, accepted until 2026-03-01T13:10:00.000Z\n`,
    );

    const early = await expectExit(
      2,
      ['cert', 'retire', '--site', 'rotating', '--thumbprint', A],
      at(600 + 3599),
    );
    expect(early.stderr).toBe(
      `portal-sts: ${A} signed tokens that are valid until 2026-03-01T13:10:00.000Z; retire it after that, or pass --force\n`,
    );
    await expectExit(0, ['cert', 'retire', '--site', 'rotating', '--thumbprint', A], at(600 + 3600));
    expect(await setting('rotating', 'CustomCertificates/ImplicitGrantflow/Previous')).toBeUndefined();
  });

  it('keeps the default certificate as Previous when the first custom key is activated', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portal-sts-default-'));
    const { thumbprint: defaultThumbprint } = await createDevCertificate({ dir, name: 'portal-sts-signing' });
    await seedSite(table, 'fresh', { 'ImplicitGrantFlow/TokenExpirationTime': '900' });
    await expectExit(0, ['cert', 'publish', '--site', 'fresh', '--thumbprint', B], at(0));
    const run = await expectExit(0, ['cert', 'activate', '--site', 'fresh', '--thumbprint', B], {
      env: { ...env, LOCAL_CERTIFICATES_DIR: dir },
      now: new Date(T0.getTime() + 600_000),
    });
    expect(run.stderr).toBe('');
    expect(await setting('fresh', 'CustomCertificates/ImplicitGrantflow/Previous')).toBe(
      `${defaultThumbprint}@2026-03-01T12:10:00.000Z`,
    );
  });

  it('warns that the default certificate is dropped when it cannot be looked up', async () => {
    await seedSite(table, 'blind', { 'ImplicitGrantFlow/TokenExpirationTime': '900' });
    await expectExit(0, ['cert', 'publish', '--site', 'blind', '--thumbprint', B], at(0));
    const run = await expectExit(0, ['cert', 'activate', '--site', 'blind', '--thumbprint', B], at(600));
    expect(run.stderr).toContain('the default certificate could not be looked up');
    expect(await setting('blind', 'CustomCertificates/ImplicitGrantflow/Previous')).toBeUndefined();
  });

  it('warns when activating a key that was not published, and retires early only with --force', async () => {
    await seedSite(table, 'hasty', { 'CustomCertificates/ImplicitGrantflow': A });
    const run = await expectExit(0, ['cert', 'activate', '--site', 'hasty', '--thumbprint', C], at(0));
    expect(run.stderr).toContain(
      `warning: ${C} was not published first: validators caching the key set may not know it yet`,
    );
    const forced = await expectExit(
      0,
      ['cert', 'retire', '--site', 'hasty', '--thumbprint', A, '--force', '--json'],
      at(60),
    );
    expect(forced.json<{ warnings: string[] }>().warnings[0]).toContain('retired early');
  });

  it('refuses to retire the active key (2) and answers 3 for a key that is not listed', async () => {
    await seedSite(table, 'steady', { 'CustomCertificates/ImplicitGrantflow': A });
    const active = await expectExit(2, ['cert', 'retire', '--site', 'steady', '--thumbprint', A], at(0));
    expect(active.stderr).toContain('is the active signing key');
    await expectExit(3, ['cert', 'retire', '--site', 'steady', '--thumbprint', B], at(0));
  });

  it('answers 2 for a bad thumbprint and 3 for an unknown site', async () => {
    const bad = await expectExit(
      2,
      ['cert', 'publish', '--site', 'steady', '--thumbprint', 'not-a-thumbprint'],
      at(0),
    );
    expect(bad.stderr).toBe(
      "portal-sts: 'not-a-thumbprint' is not a certificate thumbprint (40 hex digits, SHA-1)\n",
    );
    for (const command of ['publish', 'activate', 'retire']) {
      await expectExit(3, ['cert', command, '--site', 'nosuchsite', '--thumbprint', A], at(0));
    }
    await expectExit(3, ['cert', 'status', '--site', 'nosuchsite'], at(0));
  });

  it('stops on rotation settings it cannot read rather than rewriting them', async () => {
    await seedSite(table, 'garbled', {
      'CustomCertificates/ImplicitGrantflow/Previous': `${A}@last-tuesday`,
    });
    const run = await expectExit(1, ['cert', 'publish', '--site', 'garbled', '--thumbprint', B], at(0));
    expect(run.stderr).toContain(`has '${A}@last-tuesday'`);
  });
});

describe('the --vault check of publish and activate', () => {
  it('publishes a thumbprint the vault has, and answers 3 for one it does not have', async () => {
    const cert = makeCertificate();
    const admin = new CertificateClient(vault.url, new DefaultAzureCredential());
    await admin.importCertificate('in-vault', toPkcs12(cert.certPem, cert.keyPem));
    await seedSite(table, 'vaulted', { 'CustomCertificates/ImplicitGrantflow': A });

    const ok = await expectExit(
      0,
      [
        'cert',
        'publish',
        '--site',
        'vaulted',
        '--thumbprint',
        cert.thumbprint,
        '--vault',
        vault.url,
        '--json',
      ],
      { env },
    );
    expect(ok.json()).toMatchObject({ changed: true, vaultVersion: expect.stringMatching(/^in-vault\//) });
    const missing = await expectExit(
      3,
      ['cert', 'activate', '--site', 'vaulted', '--thumbprint', B, '--vault', vault.url],
      { env },
    );
    expect(missing.stderr).toBe(`portal-sts: certificate ${B} is not in the vault\n`);
    expect(await setting('vaulted', 'CustomCertificates/ImplicitGrantflow')).toBe(A);
  });

  it('answers 4 when the vault refuses the caller, and 2 for a vault URL that is not https', async () => {
    await seedSite(table, 'refused', { 'CustomCertificates/ImplicitGrantflow': A });
    vault.failWith(403);
    try {
      const run = await expectExit(
        4,
        ['cert', 'publish', '--site', 'refused', '--thumbprint', B, '--vault', vault.url],
        { env },
      );
      expect(run.stderr).toContain('access denied');
      expect(run.stderr).toContain('sign in with az login (or set AZURE_* credentials)');
    } finally {
      vault.failWith(undefined);
    }
    await expectExit(
      2,
      ['cert', 'publish', '--site', 'refused', '--thumbprint', B, '--vault', 'http://x.vault.localhost'],
      { env },
    );
  });
});
