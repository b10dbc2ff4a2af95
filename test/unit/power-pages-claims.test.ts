import { describe, expect, it } from 'vitest';
import { powerPagesClaims } from '../../shared/token/power-pages-claims.js';
import type { SignedInUser } from '../../shared/user/signed-in-user.js';

const user: SignedInUser = {
  id: 'c0ffee',
  name: 'ada@contoso.com',
  identityProvider: 'aad',
  email: 'ada@contoso.com',
  givenName: 'Ada',
  familyName: 'Lovelace',
  phoneNumber: '',
  locale: undefined,
  authTime: undefined,
  claims: new Map(),
};

describe('powerPagesClaims', () => {
  it('has every Power Pages claim, in order, with lp_sdes customer info', () => {
    const claims = powerPagesClaims({
      user,
      siteId: 'contoso',
      issuerHost: 'contoso.example:8443',
      clientId: 'demo-app',
      nonce: 'n-1',
      issuedAt: 1_700_000_000,
      lifetimeSeconds: 900,
    });
    expect(Object.keys(claims)).toEqual([
      'sub',
      'preferred_username',
      'phone_number',
      'given_name',
      'family_name',
      'email',
      'lp_sdes',
      'aud',
      'appid',
      'scp',
      'iat',
      'nbf',
      'exp',
      'iss',
      'nonce',
    ]);
    expect(claims).toMatchObject({
      sub: 'c0ffee',
      phone_number: '',
      aud: 'demo-app',
      appid: 'demo-app',
      scp: 'contoso',
      iat: 1_700_000_000,
      nbf: 1_700_000_000,
      exp: 1_700_000_900,
      iss: 'contoso.example:8443',
      nonce: 'n-1',
    });
    expect(claims.lp_sdes).toEqual([
      expect.objectContaining({
        type: 'ctmrinfo',
        info: expect.objectContaining({ customerId: 'c0ffee', userName: 'ada@contoso.com' }),
      }),
    ]);
  });

  it('uses empty aud and appid without a client, and no nonce claim without a nonce', () => {
    const claims = powerPagesClaims({
      user,
      siteId: 's',
      issuerHost: 'h',
      clientId: undefined,
      nonce: undefined,
      issuedAt: 1,
      lifetimeSeconds: 60,
    });
    expect(claims.aud).toBe('');
    expect(claims.appid).toBe('');
    expect('nonce' in claims).toBe(false);
  });
});
