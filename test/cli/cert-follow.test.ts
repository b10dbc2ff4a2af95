import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsTable } from '../../shared/settings/settings-table.js';
import { type KeyVaultTestServer, startTestVault } from '../support/keyvault-server/index.js';
import { seedSite } from '../support/settings-fixture.js';
import { makeCertificate } from '../support/test-certificates.js';
import { vaultAdmin } from '../support/vault-admin.js';
import { freshCliStore, storedSetting } from './cli-fixture.js';
import { expectExit } from './run-cli.js';

let table: SettingsTable;
let env: Record<string, string>;
let vault: KeyVaultTestServer;
const OLD = 'A'.repeat(40);
const v1 = makeCertificate();
const v2 = makeCertificate();
let created: number;

beforeAll(async () => {
  ({ table, env } = await freshCliStore());
  vault = await startTestVault();
  const admin = vaultAdmin(vault.url);
  await admin.importCertificate('followed', v1);
  await new Promise((resolve) => setTimeout(resolve, 1_100)); // Key Vault's `created` is in seconds
  created = Date.now();
  await admin.importCertificate('followed', v2, { exportable: false });
});
afterAll(() => vault?.stop());

const at = (seconds: number) => ({ env, now: new Date(created + seconds * 1000) });

describe('cert follow and cert status for a named certificate', () => {
  it('switches a pinned site to a name, keeping the pinned key as Previous', async () => {
    await seedSite(table, 'follower', {
      'CustomCertificates/ImplicitGrantflow': OLD,
      'ImplicitGrantFlow/RotationLeadTime': '3600',
    });
    const run = await expectExit(
      0,
      ['cert', 'follow', '--site', 'follower', '--name', 'followed', '--vault', vault.url, '--json'],
      at(60),
    );
    expect(run.json()).toMatchObject({ site: 'follower', name: 'followed', leadTimeSeconds: 3600 });
    expect(await storedSetting(table, 'follower', 'CustomCertificates/ImplicitGrantflow/Name')).toBe(
      'followed',
    );
    expect(await storedSetting(table, 'follower', 'CustomCertificates/ImplicitGrantflow')).toBeUndefined();
    expect(await storedSetting(table, 'follower', 'CustomCertificates/ImplicitGrantflow/Previous')).toBe(
      `${OLD}@${new Date(created + 60_000).toISOString()}`,
    );
    expect(run.stderr).toContain('was not published first');
  });

  it('cert status lists every version with its state and when it changes', async () => {
    const status = await expectExit(
      0,
      ['cert', 'status', '--site', 'follower', '--vault', vault.url, '--json'],
      at(60),
    );
    const named = status.json<{
      named: { signing: string; versions: { thumbprint: string; state: string; changesAt: string }[] };
    }>().named;
    expect(named.versions.map((v) => [v.thumbprint, v.state])).toEqual([
      [v1.thumbprint, 'signing'],
      [v2.thumbprint, 'upcoming'],
    ]);
    const switchAt = named.versions[1]?.changesAt ?? '';
    expect(named.versions[0]?.changesAt).toBe(switchAt);
    const later = await expectExit(
      0,
      ['cert', 'status', '--site', 'follower', '--vault', vault.url],
      at(3_700),
    );
    expect(later.stdout).toMatch(new RegExp(`previous +\\w+ ${v1.thumbprint}, retired at `));
    expect(later.stdout).toMatch(new RegExp(`signing +\\w+ ${v2.thumbprint}`));
  });

  it('says when no version can sign', async () => {
    const admin = vaultAdmin(vault.url);
    const only = makeCertificate();
    const version = await admin.importCertificate('all-disabled', only);
    await admin.setEnabled('all-disabled', version, false);
    await seedSite(table, 'stuck', { 'CustomCertificates/ImplicitGrantflow/Name': 'all-disabled' });
    const status = await expectExit(0, ['cert', 'status', '--site', 'stuck', '--vault', vault.url], { env });
    expect(status.stdout).toContain('no version can sign');
    expect(status.stderr).toContain('no version of all-disabled can sign');
    await expectExit(
      3,
      ['cert', 'follow', '--site', 'stuck', '--name', 'all-disabled', '--vault', vault.url],
      {
        env,
      },
    );
  });
});
