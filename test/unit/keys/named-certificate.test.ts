import { describe, expect, it } from 'vitest';
import { StsError } from '../../../shared/errors/sts-error.js';
import { namedCertificateOf } from '../../../shared/keys/named-keys.js';
import { SETTING } from '../../../shared/settings/setting-names.js';
import { parsedSite } from '../../support/parsed-site.js';

describe('namedCertificateOf', () => {
  it('reads the name and the lead time (default one day)', () => {
    expect(namedCertificateOf(parsedSite({ [SETTING.certificateName]: ' signing-contoso ' }))).toEqual({
      name: 'signing-contoso',
      leadSeconds: 86_400,
    });
    expect(
      namedCertificateOf(parsedSite({ [SETTING.certificateName]: 'n', [SETTING.rotationLeadTime]: '0' })),
    ).toEqual({ name: 'n', leadSeconds: 0 });
  });

  it('a thumbprint wins over a name, as Power Pages pins certificates', () => {
    const both = parsedSite({
      [SETTING.certificateName]: 'n',
      [SETTING.certificateThumbprint]: 'AB'.repeat(20),
    });
    expect(namedCertificateOf(both)).toBeUndefined();
    expect(namedCertificateOf(parsedSite({}))).toBeUndefined();
  });

  it('a name Key Vault cannot have is PortalSTS0018', () => {
    const error = (() => {
      try {
        return namedCertificateOf(parsedSite({ [SETTING.certificateName]: 'no/slashes' }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StsError);
    expect((error as StsError).id).toBe('PortalSTS0018');
  });
});
