import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { infraDir, parseBicep, repoRoot, stringLiteral } from './bicep-tree.js';

// No YAML parser is installed and azure.yaml is a small, flat file: read the lines we need.
const azureYaml = readFileSync(path.join(repoRoot, 'azure.yaml'), 'utf8');
const lines = azureYaml.split(/\r?\n/).filter((line) => !/^\s*(#|$)/.test(line));

function valuesOf(key: string): string[] {
  const pattern = new RegExp(`^\\s*${key}:\\s*(.+?)\\s*$`);
  return lines.flatMap((line) => pattern.exec(line)?.[1]?.replace(/^['"]|['"]$/g, '') ?? []);
}

const hookScripts = valuesOf('run').map((run) => path.resolve(repoRoot, run));

const main = await parseBicep(path.join(infraDir, 'main.bicep'));
const outputs = new Map(
  main.root.namedChildren
    .filter((n) => n?.type === 'output_declaration')
    .map((n) => [n?.namedChildren[0]?.text ?? '', n?.namedChildren.at(-1)?.text ?? '']),
);

describe('azure.yaml', () => {
  it('deploys the repo as the `api` service to Azure Functions', () => {
    expect(lines).toContain('services:');
    expect(lines).toContain('  api:');
    expect(valuesOf('host')).toEqual(['function']);
    expect(valuesOf('language')[0]).toMatch(/^(js|ts)$/);
    expect(valuesOf('project')).toEqual(['.']);
    expect(valuesOf('path')).toEqual(['infra']);
  });

  it('deploys only the folder `npm run package` builds, with no remote build', () => {
    expect(valuesOf('dist')).toEqual(['dist/package']);
    expect(valuesOf('remoteBuild')).toEqual(['false']);
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(pkg.scripts.package).toBe('node scripts/package.mjs');
    expect(readFileSync(path.join(repoRoot, 'scripts/package.mjs'), 'utf8')).toContain("'dist', 'package'");
  });

  it('requires an azd that finds the service by its tag (1.23.4 or later)', () => {
    expect(lines).toContain('requiredVersions:');
    expect(valuesOf('azd')).toEqual(['>= 1.23.4']);
  });

  it('runs preprovision and postprovision hooks for POSIX and Windows', () => {
    expect(lines).toContain('  preprovision:');
    expect(lines).toContain('  postprovision:');
    expect(hookScripts.map((s) => path.relative(repoRoot, s)).sort()).toEqual([
      'infra/hooks/postprovision.ps1',
      'infra/hooks/postprovision.sh',
      'infra/hooks/preprovision.ps1',
      'infra/hooks/preprovision.sh',
    ]);
  });

  it.each(hookScripts.map((script) => [path.relative(repoRoot, script), script] as const))(
    'hook %s exists',
    (_, script) => {
      expect(existsSync(script)).toBe(true);
    },
  );

  it('has a POSIX hook that sh can parse', () => {
    for (const script of hookScripts.filter((s) => s.endsWith('.sh'))) {
      expect(() => execFileSync('sh', ['-n', script], { stdio: 'pipe' })).not.toThrow();
    }
  });
});

describe('postprovision hooks and Bicep outputs', () => {
  it('read only environment values that main.bicep outputs (azd passes outputs to hooks)', () => {
    const required = [
      ...readFileSync(path.join(infraDir, 'hooks/postprovision.sh'), 'utf8').matchAll(/\$\{(\w+):\?/g),
    ].map((m) => m[1] ?? '');
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((name) => !outputs.has(name))).toEqual([]);
  });

  it('use the certificate policy file that exists, with the required key and validity', () => {
    for (const script of hookScripts.filter((s) => s.includes('postprovision'))) {
      expect(readFileSync(script, 'utf8'), script).toContain('signing-certificate-policy.json');
    }
    const policy = JSON.parse(
      readFileSync(path.join(infraDir, 'hooks/signing-certificate-policy.json'), 'utf8'),
    );
    expect(policy.keyProperties).toMatchObject({ keyType: 'RSA', keySize: 2048, exportable: true });
    expect(policy.secretProperties.contentType).toBe('application/x-pkcs12');
    expect(policy.x509CertificateProperties.validityInMonths).toBe(12);
    // Key Vault renews it by itself; the site follows it by name, so the key rotates unattended.
    expect(policy.lifetimeActions).toEqual([
      { trigger: { lifetimePercentage: 80 }, action: { actionType: 'AutoRenew' } },
    ]);
  });

  it('output the service, token, public-key and discovery URLs and what the hooks and CLI need', () => {
    for (const name of ['SERVICE_API_URI', 'KEY_VAULT_URL', 'KEY_VAULT_NAME', 'SITE_SETTINGS_TABLE_URL']) {
      expect(outputs.has(name), name).toBe(true);
    }
    expect(outputs.get('TOKEN_ENDPOINT')).toMatch(/\/_services\/auth\/token'$/);
    expect(outputs.get('PUBLIC_KEY_URL')).toMatch(/\/_services\/auth\/publickey'$/);
    expect(outputs.get('OPENID_CONFIGURATION_URL')).toMatch(/\/\.well-known\/openid-configuration'$/);
  });

  it('name the settings table as the code defaults it', () => {
    const table = main.root.namedChildren.find(
      (n) => n?.type === 'variable_declaration' && n.namedChildren[0]?.text === 'settingsTableName',
    );
    expect(stringLiteral(table?.namedChildren[1] ?? undefined)).toBe('SiteSettings');
  });
});
