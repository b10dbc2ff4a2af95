import { beforeEach, describe, expect, it } from 'vitest';
import { createDevCertificate } from '../../dev/dev-certificate.js';
import { siteKeys } from '../../shared/keys/site-keys.js';
import { siteFromRoute } from '../../shared/oidc/site-from-route.js';
import { getServices } from '../../shared/services.js';
import { SETTING } from '../../shared/settings/setting-names.js';
import { setUpTokenSite, type TokenSite } from '../support/token-site.js';

/** The key set a site publishes, from its rotation settings, against Azurite and a local folder. */

let site: TokenSite;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const MISSING = '0'.repeat(40);

beforeEach(async () => {
  site = await setUpTokenSite();
});

async function keysNow(warnings: string[] = []) {
  const services = await getServices();
  return siteKeys(services, await siteFromRoute(services, 'contoso'), NOW, (line) => warnings.push(line));
}

describe('siteKeys', () => {
  it('publishes the active key first, then upcoming keys and previous keys still in their grace', async () => {
    const upcoming = await createDevCertificate({
      dir: site.certificatesDir,
      name: 'upcoming',
      keyType: 'ec',
    });
    const recent = await createDevCertificate({ dir: site.certificatesDir, name: 'recent' });
    const old = await createDevCertificate({ dir: site.certificatesDir, name: 'old' });
    await site.table.write('contoso', SETTING.upcomingThumbprints, upcoming.thumbprint);
    await site.table.write(
      'contoso',
      SETTING.previousThumbprints,
      `${recent.thumbprint}@2026-06-01T11:30:00.000Z;${old.thumbprint}@2026-06-01T10:59:59.000Z`,
    );
    const keys = await keysNow();
    expect(keys.active.thumbprint).toBe(site.defaultThumbprint);
    expect(keys.published.map((key) => key.thumbprint)).toEqual([
      site.defaultThumbprint,
      upcoming.thumbprint,
      recent.thumbprint,
    ]);
  });

  it('leaves out a published key no store has, with a warning, and still serves the active key', async () => {
    await site.table.write('contoso', SETTING.upcomingThumbprints, MISSING);
    const warnings: string[] = [];
    const keys = await keysNow(warnings);
    expect(keys.published.map((key) => key.thumbprint)).toEqual([site.defaultThumbprint]);
    expect(warnings).toEqual([
      `site 'contoso': published key ${MISSING} left out of the key set: PortalSTS0018`,
    ]);
  });

  it('fails when the active key itself cannot be loaded', async () => {
    await site.table.write('contoso', SETTING.certificateThumbprint, MISSING);
    await expect(keysNow()).rejects.toMatchObject({ id: 'PortalSTS0018' });
  });
});
