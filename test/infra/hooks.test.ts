import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SITE_ID_PATTERN } from '../../shared/config.js';
import { infraDir } from './bicep-tree.js';

const work = mkdtempSync(path.join(tmpdir(), 'portal-sts-hooks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runHook(name: string, env: Record<string, string>) {
  return spawnSync('sh', [path.join(infraDir, 'hooks', name)], {
    encoding: 'utf8',
    env: { PATH: `${work}:${process.env.PATH ?? ''}`, ...env },
  });
}

describe('preprovision: the site id', () => {
  const valid = ['contoso', 'a', '0', 'site-1', 'a'.repeat(63)];
  const invalid = ['', 'Contoso', '-x', 'a/b', 'a\\b', 'a#b', 'a?b', 'a b', 'a'.repeat(64), 'contoso\nevil'];

  it.each(valid)('accepts %j', (site) => {
    expect(SITE_ID_PATTERN.test(site)).toBe(true);
    expect(runHook('preprovision.sh', { DEFAULT_SITE: site }).status).toBe(0);
  });

  it.each(invalid)('refuses %j, as the service does', (site) => {
    expect(SITE_ID_PATTERN.test(site) && !site.includes('\n')).toBe(false);
    const result = runHook('preprovision.sh', { DEFAULT_SITE: site });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is not a site id');
  });

  it.each(['admin', 'runtime'])('refuses %j, a Functions host route', (site) => {
    const result = runHook('preprovision.sh', { DEFAULT_SITE: site });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('collides with a Functions host route');
  });

  it('has a PowerShell twin with the same rule (no pwsh here: compared as text)', () => {
    const ps1 = readFileSync(path.join(infraDir, 'hooks/preprovision.ps1'), 'utf8');
    expect(ps1).toContain("-cmatch '^[a-z0-9][a-z0-9-]{0,62}\\z'");
    expect(ps1).toContain("$site -in 'admin', 'runtime'");
  });
});

// A stand-in az: logs each call; certificate absent, contacts empty; the first
// FAKE_AZ_INSERT_FAILURES table inserts fail with FAKE_AZ_INSERT_ERROR.
const log = path.join(work, 'az.log');
writeFileSync(
  path.join(work, 'az'),
  `#!/bin/sh
echo "$*" >> "$FAKE_AZ_LOG"
case "$*" in
  "keyvault certificate show"*) echo "ERROR: (CertificateNotFound) not found" >&2; exit 1 ;;
  "storage entity insert"*)
    n=$(grep -c '^storage entity insert' "$FAKE_AZ_LOG")
    if [ "$n" -le "\${FAKE_AZ_INSERT_FAILURES:-0}" ]; then echo "$FAKE_AZ_INSERT_ERROR" >&2; exit 1; fi ;;
  "ad sp show"*) exit 3 ;;
esac
exit 0
`,
);
chmodSync(path.join(work, 'az'), 0o755);

function postprovision(extra: Record<string, string> = {}) {
  writeFileSync(log, '');
  const result = runHook('postprovision.sh', {
    FAKE_AZ_LOG: log,
    KEY_VAULT_NAME: 'kv-test',
    STORAGE_ACCOUNT_NAME: 'sttest',
    SITE_SETTINGS_TABLE_NAME: 'SiteSettings',
    DEFAULT_SITE: 'contoso',
    ALERT_EMAIL: 'ops@contoso.com',
    HOOK_RETRY_ATTEMPTS: '4',
    HOOK_RETRY_DELAY_SECONDS: '0',
    ...extra,
  });
  const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { ...result, calls, inserts: calls.filter((c) => c.startsWith('storage entity insert')) };
}

describe('postprovision (with a stand-in az)', () => {
  it('creates the certificate, adds the contact and follows the certificate by name, never by thumbprint', () => {
    const run = postprovision();
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls).toContain(
      'keyvault certificate contact add --vault-name kv-test --email ops@contoso.com -o none',
    );
    expect(run.calls.some((c) => c.startsWith('keyvault certificate create'))).toBe(true);
    const named = run.inserts.find((c) => c.includes('Name=CustomCertificates/ImplicitGrantflow/Name'));
    expect(named).toContain('RowKey=customcertificates%2Fimplicitgrantflow%2Fname');
    expect(named).toContain('Value=portal-sts-signing');
    expect(run.inserts.filter((c) => / Name=CustomCertificates\/ImplicitGrantflow /.test(c))).toEqual([]);
    // No assignment change unless asked for.
    expect(run.calls.filter((c) => c.startsWith('ad '))).toEqual([]);
  });

  it('retries while the role assignment is not effective yet', () => {
    const run = postprovision({
      FAKE_AZ_INSERT_FAILURES: '2',
      FAKE_AZ_INSERT_ERROR:
        'This request is not authorized to perform this operation. ErrorCode:AuthorizationPermissionMismatch',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.inserts).toHaveLength(2 + 3);
  });

  it('stops at once on any other error', () => {
    const run = postprovision({
      FAKE_AZ_INSERT_FAILURES: '99',
      FAKE_AZ_INSERT_ERROR: 'ErrorCode:TableNotFound The table specified does not exist.',
    });
    expect(run.status).not.toBe(0);
    expect(run.inserts).toHaveLength(1);
    expect(run.stderr).toContain('TableNotFound');
    expect(run.stderr).not.toContain('retrying');
  });

  it('gives up after the attempts when authorization never arrives', () => {
    const run = postprovision({ FAKE_AZ_INSERT_FAILURES: '99', FAKE_AZ_INSERT_ERROR: 'Forbidden' });
    expect(run.status).not.toBe(0);
    expect(run.inserts).toHaveLength(4);
  });

  it('with AUTH_ASSIGNMENT_REQUIRED=true, creates the service principal and requires assignment', () => {
    const run = postprovision({
      AUTH_ASSIGNMENT_REQUIRED: 'true',
      AUTH_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
    });
    expect(run.status, run.stderr).toBe(0);
    const id = '--id 11111111-2222-3333-4444-555555555555';
    expect(run.calls).toContain(`ad sp create ${id} -o none`);
    expect(run.calls).toContain(`ad sp update ${id} --set appRoleAssignmentRequired=true`);
  });

  it('needs ALERT_EMAIL (a Bicep output) and says how to run it', () => {
    const run = postprovision({ ALERT_EMAIL: '' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('ALERT_EMAIL');
  });
});
