import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { certificateExpiryHandler } from '../../functions/certificate-expiry.js';
import { SETTING } from '../../shared/settings/setting-names.js';
import { type KeyVaultTestServer, startTestVault } from '../support/keyvault-server/index.js';
import { setUpKeyVaultSites } from '../support/keyvault-site.js';
import { makeCertificate } from '../support/test-certificates.js';
import { invocation } from '../support/token-site.js';
import { vaultAdmin } from '../support/vault-admin.js';

let vault: KeyVaultTestServer;

beforeAll(async () => {
  vault = await startTestVault();
  const admin = vaultAdmin(vault.url);
  await admin.importCertificate('portal-sts-signing', makeCertificate({ validDays: 60 }));
  await admin.importCertificate('soon', makeCertificate({ validDays: 5 }));
  await admin.importCertificate('month', makeCertificate({ validDays: 20 }));
  // Renewed: the old version expires in 3 days, but a newer one exists.
  await admin.importCertificate('renewed', makeCertificate({ validDays: 3 }));
  await new Promise((resolve) => setTimeout(resolve, 1_100)); // Key Vault's `created` is in seconds
  await admin.importCertificate('renewed', makeCertificate({ validDays: 300 }));
  // Named, but the site pins a thumbprint, which wins: not followed, not checked.
  await admin.importCertificate('pinned', makeCertificate({ validDays: 2 }));
});
afterAll(() => vault.stop());
afterEach(() => vi.unstubAllEnvs());

const name = (certificate: string) => ({ [SETTING.certificateName]: certificate });

describe('the certificate-expiry timer', () => {
  it('warns 30 days and errs 7 days before a followed certificate expires with no newer version', async () => {
    await setUpKeyVaultSites(vault.url, {
      contoso: name('soon'),
      fabrikam: name('month'),
      northwind: name('renewed'),
      tailspin: { ...name('pinned'), [SETTING.certificateThumbprint]: 'AB'.repeat(20) },
      adatum: name('soon'),
    });
    const { context, lines } = invocation();
    await certificateExpiryHandler({ isPastDue: false, scheduleStatus: {} } as never, context);
    const expiry = lines.filter((line) => line.includes('certificate-expiry:'));
    expect(expiry).toEqual([
      expect.stringMatching(
        /^error: certificate-expiry: certificate soon version \w+ \([0-9A-F]{40}\) expires \S+ \(in 4 days\) and has no newer version; sites: adatum, contoso$/,
      ),
      expect.stringMatching(
        /^warning: certificate-expiry: certificate month version \w+ \([0-9A-F]{40}\) expires \S+ \(in 19 days\) and has no newer version; sites: fabrikam$/,
      ),
      'information: certificate-expiry: checked 4 certificate(s)',
    ]);
    expect(lines.join('\n')).not.toMatch(/PRIVATE KEY|Bearer/);
  });

  it('reports a certificate that cannot be read as an error, and goes on with the others', async () => {
    await setUpKeyVaultSites(vault.url, { contoso: name('no-such-certificate'), fabrikam: name('soon') });
    const { context, lines } = invocation();
    await certificateExpiryHandler({ isPastDue: false, scheduleStatus: {} } as never, context);
    expect(lines.filter((line) => line.includes('certificate-expiry:'))).toEqual([
      expect.stringMatching(
        /^error: certificate-expiry: certificate no-such-certificate could not be checked \(PortalSTS0018\); sites: contoso$/,
      ),
      expect.stringMatching(/^error: certificate-expiry: certificate soon version /),
      'information: certificate-expiry: checked 3 certificate(s)',
    ]);
  });
});
