import { describe, expect, it } from 'vitest';
import { pathAndQuery, signInUrl } from '../../shared/user/sign-in-url.js';
import { readSignedInUser } from '../../shared/user/signed-in-user.js';

const XMLSOAP = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';

function principal(claims: Array<[string, string]>): string {
  const body = {
    auth_typ: 'aad',
    claims: claims.map(([typ, val]) => ({ typ, val })),
    name_typ: `${XMLSOAP}/name`,
  };
  return Buffer.from(JSON.stringify(body)).toString('base64');
}

function headers(values: Record<string, string>) {
  const lower = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name: string) => lower.get(name.toLowerCase()) ?? null };
}

describe('readSignedInUser', () => {
  it('maps short OIDC claim names', () => {
    const user = readSignedInUser(
      headers({
        'X-MS-CLIENT-PRINCIPAL-ID': 'user-1',
        'X-MS-CLIENT-PRINCIPAL-NAME': 'ada@contoso.com',
        'X-MS-CLIENT-PRINCIPAL-IDP': 'aad',
        'X-MS-CLIENT-PRINCIPAL': principal([
          ['email', 'ada@contoso.com'],
          ['given_name', 'Ada'],
          ['family_name', 'Lovelace'],
          ['phone_number', '+44 20 0000'],
          ['locale', 'de-DE'],
          ['auth_time', '1700000000'],
        ]),
      }),
      true,
    );
    expect(user).toMatchObject({
      id: 'user-1',
      name: 'ada@contoso.com',
      identityProvider: 'aad',
      email: 'ada@contoso.com',
      givenName: 'Ada',
      familyName: 'Lovelace',
      phoneNumber: '+44 20 0000',
      locale: 'de-DE',
      authTime: 1700000000,
    });
  });

  it('maps the xmlsoap claim URIs', () => {
    const user = readSignedInUser(
      headers({
        'X-MS-CLIENT-PRINCIPAL-ID': 'user-2',
        'X-MS-CLIENT-PRINCIPAL': principal([
          [`${XMLSOAP}/emailaddress`, 'b@x.test'],
          [`${XMLSOAP}/givenname`, 'Bo'],
          [`${XMLSOAP}/surname`, 'Bee'],
          [`${XMLSOAP}/mobilephone`, '123'],
          [`${XMLSOAP}/name`, 'bo.bee'],
        ]),
      }),
      true,
    );
    expect(user).toMatchObject({
      email: 'b@x.test',
      givenName: 'Bo',
      familyName: 'Bee',
      phoneNumber: '123',
      name: 'bo.bee',
    });
  });

  it('gives empty strings for unknown claims and tolerates a malformed principal', () => {
    const user = readSignedInUser(
      headers({ 'X-MS-CLIENT-PRINCIPAL-ID': 'u', 'X-MS-CLIENT-PRINCIPAL': '%%%not base64 json' }),
      true,
    );
    expect(user).toMatchObject({
      id: 'u',
      name: '',
      email: '',
      givenName: '',
      familyName: '',
      phoneNumber: '',
    });
    expect(user?.locale).toBeUndefined();
    expect(user?.authTime).toBeUndefined();
  });

  it('ignores the headers unless Easy Auth is on (anyone could send them)', () => {
    expect(readSignedInUser(headers({ 'X-MS-CLIENT-PRINCIPAL-ID': 'admin' }), false)).toBeUndefined();
  });

  it('is anonymous without a principal id', () => {
    expect(readSignedInUser(headers({ 'X-MS-CLIENT-PRINCIPAL-NAME': 'x' }), true)).toBeUndefined();
  });
});

describe('sign-in URL', () => {
  it('returns to the original path and query', () => {
    const back = pathAndQuery('https://sts.example/_services/auth/token?client_id=a&state=x%20y');
    expect(back).toBe('/_services/auth/token?client_id=a&state=x%20y');
    expect(signInUrl('aad', back)).toBe(
      '/.auth/login/aad?post_login_redirect_uri=%2F_services%2Fauth%2Ftoken%3Fclient_id%3Da%26state%3Dx%2520y',
    );
  });
});
