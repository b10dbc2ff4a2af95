import fc from 'fast-check';
import { hostileText, longText } from './values.js';

/**
 * Easy Auth principal headers as a broken or hostile front end might pass them to a handler:
 * X-MS-CLIENT-PRINCIPAL that is not base64, not JSON, JSON of the wrong shape, claims of the wrong
 * types, or far over the 32 KB the service reads; and -ID / -NAME / -IDP with unicode (as UTF-8
 * bytes read as Latin-1, which is how Node and the Functions host hand them over), control
 * characters and whitespace. Header values cannot carry NUL, CR or LF (fetch's Headers refuses
 * them, as the platform's front end does), so those are dropped here.
 */

const XMLSOAP = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';

/** A value a Headers object accepts: no NUL/CR/LF, and every character one byte. */
export function toHeaderByteString(text: string): string {
  return Buffer.from(text.replace(/[\0\r\n]/g, ''), 'utf8').toString('latin1');
}

const claimType = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'email',
      'emails',
      'given_name',
      'family_name',
      'phone_number',
      'locale',
      'xms_pl',
      'preferred_username',
      'name',
      'auth_time',
      'iat',
      `${XMLSOAP}/emailaddress`,
      `${XMLSOAP}/name`,
      '__proto__',
      'constructor',
    ),
  },
  { weight: 1, arbitrary: hostileText },
);

const claimValue = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '1700000000',
      '-1',
      '1e400',
      'NaN',
      '9007199254740993',
      '0',
      '',
      'de_DE.UTF-8',
      'zh-Hant-TW',
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

const claim = fc.oneof(
  { weight: 4, arbitrary: fc.record({ typ: claimType, val: claimValue }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

const principalJson: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      auth_typ: fc.oneof(fc.constant('aad'), hostileText),
      claims: fc.array(claim, { maxLength: 12 }),
      name_typ: fc.constant(`${XMLSOAP}/name`),
      role_typ: fc.constant('roles'),
    }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(null, [], 'x', { claims: null }, { claims: {} }, { claims: 'x' }),
  },
);

export const principalHeader: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: principalJson.map((json) => Buffer.from(JSON.stringify(json)).toString('base64')) },
  {
    weight: 1,
    arbitrary: principalJson.map((json) => Buffer.from(JSON.stringify(json)).toString('base64url')),
  },
  { weight: 1, arbitrary: hostileText.map(toHeaderByteString) },
  { weight: 1, arbitrary: fc.constantFrom('', '====', '!!!!', 'e30', 'bnVsbA==', 'W10=', 'eyJjbGFpbXMiOg') },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 30_000, max: 70_000 })
      .map((n) =>
        Buffer.from(JSON.stringify({ claims: [{ typ: 'email', val: 'x'.repeat(n) }] })).toString('base64'),
      ),
  },
);

export const principalIdentity: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('ada-0001', 'fuzz-user', 'user@contoso.com') },
  { weight: 3, arbitrary: hostileText.map(toHeaderByteString) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\t', '\u00a0', '\u0085') },
  { weight: 1, arbitrary: longText(1000, 10_000).map(toHeaderByteString) },
);

export interface PrincipalHeaders {
  principal: string | undefined;
  id: string | undefined;
  name: string | undefined;
  idp: string | undefined;
}

export const principalHeaders: fc.Arbitrary<PrincipalHeaders> = fc.record({
  principal: fc.option(principalHeader, { nil: undefined }),
  id: fc.option(principalIdentity, { nil: undefined, freq: 6 }),
  name: fc.option(principalIdentity, { nil: undefined }),
  // Mostly the configured provider (aad), so that the other headers decide.
  idp: fc.option(fc.oneof({ weight: 3, arbitrary: fc.constantFrom('aad', 'AAD') }, principalIdentity), {
    nil: undefined,
  }),
});

export function principalHeaderRecord(headers: PrincipalHeaders): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers.principal !== undefined) record['x-ms-client-principal'] = headers.principal;
  if (headers.id !== undefined) record['x-ms-client-principal-id'] = headers.id;
  if (headers.name !== undefined) record['x-ms-client-principal-name'] = headers.name;
  if (headers.idp !== undefined) record['x-ms-client-principal-idp'] = headers.idp;
  return record;
}
