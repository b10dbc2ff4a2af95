import { describe, expect, it } from 'vitest';
import { pathAndQuery, signInUrl } from '../../shared/user/sign-in-url.js';
import { readSignedInUser } from '../../shared/user/signed-in-user.js';

const TRUSTED = { trustPrincipalHeaders: true, identityProviders: ['aad'] };

const XMLSOAP = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';

function principal(claims: Array<[string, string]>, authType = 'aad'): string {
  const body = {
    auth_typ: authType,
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
      TRUSTED,
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
        'X-MS-CLIENT-PRINCIPAL-IDP': 'aad',
        'X-MS-CLIENT-PRINCIPAL': principal([
          [`${XMLSOAP}/emailaddress`, 'b@x.test'],
          [`${XMLSOAP}/givenname`, 'Bo'],
          [`${XMLSOAP}/surname`, 'Bee'],
          [`${XMLSOAP}/mobilephone`, '123'],
          [`${XMLSOAP}/name`, 'bo.bee'],
        ]),
      }),
      TRUSTED,
    );
    expect(user).toMatchObject({
      email: 'b@x.test',
      givenName: 'Bo',
      familyName: 'Bee',
      phoneNumber: '123',
      name: 'bo.bee',
    });
  });

  it('gives empty strings for unknown claims when there is no X-MS-CLIENT-PRINCIPAL', () => {
    const user = readSignedInUser(
      headers({ 'X-MS-CLIENT-PRINCIPAL-ID': 'u', 'X-MS-CLIENT-PRINCIPAL-IDP': 'aad' }),
      TRUSTED,
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
    const sent = headers({ 'X-MS-CLIENT-PRINCIPAL-ID': 'admin', 'X-MS-CLIENT-PRINCIPAL-IDP': 'aad' });
    expect(readSignedInUser(sent, { ...TRUSTED, trustPrincipalHeaders: false })).toBeUndefined();
  });

  it('is anonymous without a principal id', () => {
    expect(
      readSignedInUser(
        headers({ 'X-MS-CLIENT-PRINCIPAL-NAME': 'x', 'X-MS-CLIENT-PRINCIPAL-IDP': 'aad' }),
        TRUSTED,
      ),
    ).toBeUndefined();
  });
});

describe('which Easy Auth principals are believed', () => {
  const ada = {
    'X-MS-CLIENT-PRINCIPAL-ID': 'oid-1',
    'X-MS-CLIENT-PRINCIPAL-NAME': 'ada@contoso.com',
    'X-MS-CLIENT-PRINCIPAL-IDP': 'aad',
  };
  const OID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
  const blob = (claims: Array<[string, string]>, authType?: string) => ({
    'X-MS-CLIENT-PRINCIPAL': principal(claims, authType),
  });
  const read = (values: Record<string, string>, trust = TRUSTED) => {
    const warnings: string[] = [];
    const user = readSignedInUser(headers(values), trust, (line) => warnings.push(line));
    return { user, warnings };
  };

  it('accepts a principal whose blob agrees with -ID, -NAME and -IDP (any case of the provider)', () => {
    const agreeing = {
      ...ada,
      'X-MS-CLIENT-PRINCIPAL-IDP': 'AAD',
      ...blob([
        [OID, 'oid-1'],
        ['preferred_username', 'ada@contoso.com'],
      ]),
    };
    expect(read(agreeing)).toEqual({
      user: expect.objectContaining({ id: 'oid-1', name: 'ada@contoso.com' }),
      warnings: [],
    });
  });

  it('accepts a user name that is not the email address (an Entra ID UPN)', () => {
    const values = {
      ...ada,
      ...blob([
        ['email', 'ada.lovelace@contoso.com'],
        ['name', 'Ada Lovelace'],
      ]),
    };
    expect(read(values).user).toMatchObject({ name: 'ada@contoso.com', email: 'ada.lovelace@contoso.com' });
  });

  it('accepts any provider of a configured list', () => {
    const google = { ...ada, 'X-MS-CLIENT-PRINCIPAL-IDP': 'google' };
    expect(read(google).user).toBeUndefined();
    expect(read(google, { ...TRUSTED, identityProviders: ['aad', 'google'] }).user?.id).toBe('oid-1');
  });

  it('matches a non-ASCII name sent as UTF-8 bytes read as Latin-1', () => {
    const latin1 = Buffer.from('zoë@contoso.com', 'utf8').toString('latin1');
    const values = {
      ...ada,
      'X-MS-CLIENT-PRINCIPAL-NAME': latin1,
      ...blob([['preferred_username', 'zoë@contoso.com']]),
    };
    expect(read(values).user?.id).toBe('oid-1');
  });

  it.each([
    ['no -IDP', { ...ada, 'X-MS-CLIENT-PRINCIPAL-IDP': '' }, 'AUTH_LOGIN_PROVIDER'],
    ['another -IDP', { ...ada, 'X-MS-CLIENT-PRINCIPAL-IDP': 'facebook' }, 'AUTH_LOGIN_PROVIDER'],
    ['a blob of another provider', { ...ada, ...blob([], 'facebook') }, 'another identity provider'],
    ['a blob of another user id', { ...ada, ...blob([[OID, 'oid-2']]) }, 'another user id'],
    [
      'a blob of another user name',
      { ...ada, ...blob([['preferred_username', 'eve@contoso.com']]) },
      'another user name',
    ],
    [
      'a blob that is not base64 JSON',
      { ...ada, 'X-MS-CLIENT-PRINCIPAL': '%%%not base64 json' },
      'cannot be read',
    ],
    [
      'a blob without claims',
      { ...ada, 'X-MS-CLIENT-PRINCIPAL': Buffer.from('{"auth_typ":"aad"}').toString('base64') },
      'cannot be read',
    ],
  ])('treats %s as anonymous, with one warning that names no value', (_, values, reason) => {
    const { user, warnings } = read(values);
    expect(user).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(reason);
    for (const value of ['oid-1', 'oid-2', 'ada@', 'eve@', 'facebook'])
      expect(warnings[0]).not.toContain(value);
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
