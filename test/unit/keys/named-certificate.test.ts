import { describe, expect, it } from 'vitest';
import { StsError } from '../../../shared/errors/sts-error.js';
import { namedCertificateOf } from '../../../shared/keys/named-keys.js';
import { SETTING } from '../../../shared/settings/setting-names.js';
import { parseSiteSettings } from '../../../shared/settings/site-settings.js';

const site = (settings: Record<string, string>) =>
  parseSiteSettings(
    'contoso',
    new Map(Object.entries(settings).map(([name, value]) => [name.toLowerCase(), { name, value }])),
  );

describe('namedCertificateOf', () => {
  it('reads the name and the lead time (default one day)', () => {
    expect(namedCertificateOf(site({ [SETTING.certificateName]: ' signing-contoso ' }))).toEqual({
      name: 'signing-contoso',
      leadSeconds: 86_400,
    });
    expect(
      namedCertificateOf(site({ [SETTING.certificateName]: 'n', [SETTING.rotationLeadTime]: '0' })),
    ).toEqual({ name: 'n', leadSeconds: 0 });
  });

  it('a thumbprint wins over a name, as Power Pages pins certificates', () => {
    const both = site({ [SETTING.certificateName]: 'n', [SETTING.certificateThumbprint]: 'AB'.repeat(20) });
    expect(namedCertificateOf(both)).toBeUndefined();
    expect(namedCertificateOf(site({}))).toBeUndefined();
  });

  it('a name Key Vault cannot have is PortalSTS0018', () => {
    const error = (() => {
      try {
        return namedCertificateOf(site({ [SETTING.certificateName]: 'no/slashes' }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StsError);
    expect((error as StsError).id).toBe('PortalSTS0018');
  });
});
