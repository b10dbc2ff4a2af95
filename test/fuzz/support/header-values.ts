import fc from 'fast-check';
import { SESSION_COOKIE } from './fuzz-site.js';
import { hostileText } from './values.js';

/**
 * Values for the headers the service reads: cookies (including a tampered Easy Auth session),
 * Authorization, Origin, Accept-Language, and the Easy Auth principal headers a client may try to
 * send itself.
 */

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Flips one character of a string to another base64url character. */
function flipCharacter(text: string, at: number): string {
  const index = at % Math.max(text.length, 1);
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

/**
 * The session cookie a valid one could be turned into: tampered in the payload or the signature,
 * a forged payload (another user) under the real signature, or the real cookie shadowed by an
 * earlier bad one of the same name (the first one wins).
 */
export function tamperedSessions(session: string): fc.Arbitrary<string> {
  const [payload = '', signature = ''] = session.split('.');
  const forged = b64url({
    principal: { userId: 'admin', userDetails: 'admin@contoso.com', roles: ['admin'], authTime: 1 },
    exp: 4_102_444_800,
  });
  return fc.oneof(
    fc.nat().map((at) => `${SESSION_COOKIE}=${flipCharacter(payload, at)}.${signature}`),
    // Not the signature's last character: its low bits are base64 padding, so changing them can
    // leave the decoded HMAC as it was (the same session, spelled differently).
    fc
      .nat()
      .map(
        (at) =>
          `${SESSION_COOKIE}=${payload}.${flipCharacter(signature.slice(0, -1), at)}${signature.slice(-1)}`,
      ),
    fc.constantFrom(
      `${SESSION_COOKIE}=${forged}.${signature}`,
      `${SESSION_COOKIE}=${payload}.${signature}.extra`,
      `${SESSION_COOKIE}=${payload}`,
      `${SESSION_COOKIE}=${payload}.`,
      `${SESSION_COOKIE}="${session}"`,
      `${SESSION_COOKIE}=${session}x`,
      `${SESSION_COOKIE}=bad; ${SESSION_COOKIE}=${session}`,
      `appserviceauthsession=${session}`,
    ),
  );
}

/** Any Cookie header: none, the real session, tampered ones, garbage and huge ones. */
export function cookieHeaders(session: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(`${SESSION_COOKIE}=${session}`) },
    { weight: 3, arbitrary: tamperedSessions(session) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        SESSION_COOKIE,
        `${SESSION_COOKIE}=`,
        '=x',
        ';;;',
        `${SESSION_COOKIE}=a.b.c`,
        `${SESSION_COOKIE}=.`,
        `a=1; ${SESSION_COOKIE}=${'A'.repeat(9000)}.${'B'.repeat(43)}`,
      ),
    },
    { weight: 2, arbitrary: hostileText },
    { weight: 1, arbitrary: hostileText.map((text) => `${SESSION_COOKIE}=${text}`) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 12_000 }).map((n) => `big=${'x'.repeat(n)}`) },
  );
}

/** A compact JWS-looking value with any header and payload: none, HS256, unknown kid, garbage. */
export const forgedJws: fc.Arbitrary<string> = fc
  .tuple(
    fc.record({
      alg: fc.constantFrom('none', 'HS256', 'RS256', 'ES256', 'PS256', ''),
      kid: fc.oneof(fc.constant(undefined), hostileText),
      typ: fc.constantFrom('JWT', 'at+jwt', 'application/at+jwt', undefined),
    }),
    fc.record({ iss: hostileText, sub: hostileText, exp: fc.integer(), iat: fc.integer() }),
    fc.oneof(
      fc.constant(''),
      fc.base64String({ maxLength: 64 }).map((s) => s.replace(/[+/=]/g, '_')),
    ),
  )
  .map(([header, payload, signature]) => `${b64url(header)}.${b64url(payload)}.${signature}`);

export const authorizationHeaders: fc.Arbitrary<string> = fc.oneof(
  forgedJws.map((token) => `Bearer ${token}`),
  hostileText.map((text) => `Bearer ${text}`),
  hostileText,
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'bearer a.b.c',
    'Bearer  a.b.c  ',
    'Basic ZnV6ejpmdXp6',
    'Bearer a.b.c d',
  ),
  fc.integer({ min: 8000, max: 12_000 }).map((n) => `Bearer ${'a'.repeat(n)}.b.c`),
);

export function originHeaders(allowed: readonly string[]): fc.Arbitrary<string> {
  const first = allowed[0] ?? 'https://spa.contoso.example';
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...allowed) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'null',
        'https://evil.example',
        `${first}.evil.example`,
        `${first}/`,
        first.toUpperCase(),
        `${first}:443`,
        '*',
      ),
    },
    { weight: 1, arbitrary: hostileText },
  );
}

export const acceptLanguages: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('de', 'fr-CA;q=0.5, *', 'zh-Hant', 'ja;q=0', '*;q=0', 'x'.repeat(5000)),
  hostileText,
);

/** The Easy Auth headers a client might try: forged principals, in any case of the name. */
export const clientPrincipalHeaders: fc.Arbitrary<Array<[string, string]>> = fc.array(
  fc.tuple(
    fc.constantFrom(
      'X-MS-CLIENT-PRINCIPAL',
      'x-ms-client-principal-id',
      'X-Ms-Client-Principal-Name',
      'X-MS-CLIENT-PRINCIPAL-IDP',
      'X-MS-TOKEN-AAD-ID-TOKEN',
    ),
    fc.oneof(
      fc.constant(
        Buffer.from(JSON.stringify({ claims: [{ typ: 'email', val: 'admin@contoso.com' }] })).toString(
          'base64',
        ),
      ),
      fc.constantFrom('admin', 'admin@contoso.com'),
      hostileText,
    ),
  ),
  { maxLength: 4 },
);
