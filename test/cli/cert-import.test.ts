import { X509Certificate } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DefaultAzureCredential } from '@azure/identity';
import { CertificateClient } from '@azure/keyvault-certificates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyVaultCertificateStore } from '../../shared/certs/keyvault-certificate-store.js';
import type { SettingsTable } from '../../shared/settings/settings-table.js';
import { type KeyVaultTestServer, startTestVault } from '../support/keyvault-server/index.js';
import { seedSite } from '../support/settings-fixture.js';
import { freshCliStore } from './cli-fixture.js';
import { expectExit } from './run-cli.js';
import {
  certificateDir,
  certificateExpiringIn,
  keys,
  makeCertificate,
  sha1Certificate,
  writePem,
  writePfx,
} from './test-certificates.js';

let vault: KeyVaultTestServer;
let dir: string;
let table: SettingsTable;
let env: Record<string, string>;
const PASSWORD = 'correct-horse-battery';

const importArgs = (file: string, name: string, ...extra: string[]) => [
  'cert',
  'import',
  '--vault',
  vault.url,
  '--file',
  file,
  '--name',
  name,
  ...extra,
];

beforeAll(async () => {
  vault = await startTestVault();
  dir = await certificateDir();
  ({ table, env } = await freshCliStore());
});
afterAll(() => vault?.stop());

describe('cert import', () => {
  it('imports a password-protected PFX as it is and prints its thumbprint; the service can sign with it', async () => {
    const cert = makeCertificate();
    const file = await writePfx(dir, 'protected', cert, PASSWORD);
    const run = await expectExit(0, importArgs(file, 'signing-pfx', '--password', PASSWORD), {}, [PASSWORD]);
    expect(run.stdout).toContain(`thumbprint: ${cert.thumbprint}\n`);
    expect(run.stdout).toContain('key: RSA 2048 bits (RS256), signature: sha256WithRSAEncryption');
    const key = await new KeyVaultCertificateStore({ vaultUrl: vault.url, defaultName: 'signing-pfx' }).get(
      cert.thumbprint,
    );
    expect(key.alg).toBe('RS256');
  });

  it('takes the password from PORTAL_STS_CERT_PASSWORD too', async () => {
    const file = await writePfx(dir, 'env-password', makeCertificate(), PASSWORD);
    await expectExit(0, importArgs(file, 'env-password'), { env: { PORTAL_STS_CERT_PASSWORD: PASSWORD } }, [
      PASSWORD,
    ]);
  });

  it('imports PEM files as PEM secrets: EC P-256, and RSA with a PKCS#1 key (re-encoded as PKCS#8)', async () => {
    const ec = makeCertificate({ keyType: 'ec' });
    const ecRun = await expectExit(0, importArgs(await writePem(dir, 'ec', ec), 'signing-ec', '--json'));
    expect(ecRun.json()).toMatchObject({
      thumbprint: ec.thumbprint,
      key: 'EC P-256 (ES256)',
      signatureAlgorithm: 'ecdsa-with-SHA256',
    });
    const rsa = makeCertificate();
    await expectExit(0, importArgs(await writePem(dir, 'pkcs1', rsa, 'pkcs1'), 'signing-pkcs1'));
    const client = new CertificateClient(vault.url, new DefaultAzureCredential());
    const stored = await client.getCertificate('signing-pkcs1');
    expect(stored.policy?.contentType).toBe('application/x-pem-file');
    expect(new X509Certificate(Buffer.from(stored.cer ?? [])).fingerprint).toBe(
      new X509Certificate(rsa.certPem).fingerprint,
    );
  });

  it('imports and activates for a site in one step', async () => {
    const old = 'A'.repeat(40);
    await seedSite(table, 'contoso', { 'CustomCertificates/ImplicitGrantflow': old });
    const cert = makeCertificate();
    const file = await writePfx(dir, 'activate', cert);
    const now = new Date();
    const run = await expectExit(0, importArgs(file, 'activated', '--site', 'contoso', '--activate'), {
      env,
      now,
    });
    expect(run.stdout).toContain('activated for contoso');
    expect(run.stderr).toContain('was not published first');
    const settings = await table.readSite('contoso');
    expect(settings.get('customcertificates/implicitgrantflow')?.value).toBe(cert.thumbprint);
    expect(settings.get('customcertificates/implicitgrantflow/previous')?.value).toBe(
      `${old}@${now.toISOString()}`,
    );
  });

  it('publishes for a site with --publish', async () => {
    await seedSite(table, 'fabrikam', { 'Connector/ImplicitGrantFlowEnabled': 'True' });
    const cert = makeCertificate();
    await expectExit(
      0,
      importArgs(await writePfx(dir, 'publish', cert), 'published', '--site', 'fabrikam', '--publish'),
      { env },
    );
    expect(
      (await table.readSite('fabrikam')).get('customcertificates/implicitgrantflow/upcoming')?.value,
    ).toBe(cert.thumbprint);
  });

  it('warns when the certificate expires within 30 days', async () => {
    const run = await expectExit(
      0,
      importArgs(await writePfx(dir, 'soon', certificateExpiringIn(10)), 'soon'),
    );
    expect(run.stderr).toMatch(/^warning: the certificate expires in \d+ days/);
  });
});

describe('cert import refuses bad input before importing anything (exit 2, or 3 for an unknown site)', () => {
  const refused = async (argv: string[], message: string, secrets: string[] = []) => {
    vault.resetRequestCounts();
    const run = await expectExit(2, argv, {}, secrets);
    expect(run.stderr).toContain(message);
    expect(vault.requestCount()).toBe(0);
  };

  it('a wrong PFX password', async () => {
    const file = await writePfx(dir, 'wrong', makeCertificate(), PASSWORD);
    await refused(importArgs(file, 'x', '--password', 'not-the-password'), `wrong password for ${file}`, [
      'not-the-password',
    ]);
  });

  it('a password-protected PFX without --password', async () => {
    const file = await writePfx(dir, 'nopass', makeCertificate(), PASSWORD);
    await refused(importArgs(file, 'x'), 'wrong password: ');
  });

  it('a 1024-bit RSA key', async () => {
    const file = await writePfx(dir, 'rsa1024', makeCertificate({ privateKey: keys.rsa1024() }));
    await refused(importArgs(file, 'x'), 'the RSA key has 1024 bits; at least 2048 are required');
  });

  it('an EC key on another curve than P-256', async () => {
    const file = await writePem(dir, 'p384', makeCertificate({ privateKey: keys.p384() }));
    await refused(importArgs(file, 'x'), 'only P-256 (ES256) is supported');
  });

  it('an expired certificate', async () => {
    const file = await writePfx(dir, 'expired', makeCertificate({ expired: true }));
    await refused(importArgs(file, 'x'), 'the certificate expired on');
  });

  it('a SHA-1-signed certificate', async () => {
    const file = await writePfx(dir, 'sha1', sha1Certificate());
    await refused(
      importArgs(file, 'x'),
      'signed with sha1WithRSAEncryption: Power Pages requires a SHA-2 signature',
    );
  });

  it('a certificate without its private key', async () => {
    const file = join(dir, 'no-key.pem');
    await writeFile(file, makeCertificate().certPem);
    await refused(importArgs(file, 'x'), 'has no private key');
  });

  it('a file that is missing or not a certificate', async () => {
    await refused(importArgs(join(dir, 'missing.pfx'), 'x'), '(ENOENT)');
    const junk = join(dir, 'junk.pfx');
    await writeFile(junk, 'this is not a certificate');
    await refused(importArgs(junk, 'x'), 'is not a readable PFX or PEM certificate file');
  });

  it('bad names and option combinations', async () => {
    const file = await writePfx(dir, 'fine', makeCertificate());
    await refused(importArgs(file, 'bad_name'), 'is not a Key Vault certificate name');
    await refused(importArgs(file, 'x', '--site', 'contoso'), '--site needs --publish or --activate');
    await refused(importArgs(file, 'x', '--activate'), '--site is required');
    await refused(['cert', 'import', '--file', file, '--name', 'x'], '--vault is required');
  });

  it('an unknown site (exit 3), before anything is imported', async () => {
    vault.resetRequestCounts();
    const file = await writePfx(dir, 'nosite', makeCertificate());
    const run = await expectExit(3, importArgs(file, 'x', '--site', 'nosuchsite', '--activate'), { env });
    expect(run.stderr).toContain("site 'nosuchsite' not found");
    expect(vault.requestCount()).toBe(0);
  });
});
