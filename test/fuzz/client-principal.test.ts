import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty, recordOutcome, runs } from './support/fuzz-run.js';
import { FUZZ_USER, SESSION_COOKIE, SPA, SPA_CALLBACK } from './support/fuzz-site.js';
import { fuzzSuite } from './support/fuzz-suite.js';
import { clientPrincipalHeaders, tamperedSessions } from './support/header-values.js';
import { exchange, type RawResponse } from './support/raw-http.js';
import { asFieldValue, percentEncode } from './support/values.js';

/**
 * App Service strips X-MS-CLIENT-PRINCIPAL* from clients and sets its own; the dev host does the
 * same. Whatever principal headers a client sends, in any case and alongside any session cookie,
 * the token names the session's user, and without a valid session there is no token at all.
 */

const { host } = fuzzSuite('client-principal');

type Session = { kind: 'none' } | { kind: 'valid' } | { kind: 'tampered'; cookie: string };

const AUTHORIZE_QUERY = new URLSearchParams({
  client_id: SPA,
  redirect_uri: SPA_CALLBACK,
  response_type: 'id_token',
  scope: 'openid profile email',
  nonce: 'n-1',
}).toString();

const TARGETS = [
  '/_services/auth/token?client_id=demo-app',
  '/contoso/oauth2/v1/token?client_id=demo-app',
  `/contoso/oauth2/v1/auth?${AUTHORIZE_QUERY}`,
  `/_services/auth/authorize?${new URLSearchParams({ client_id: SPA, redirect_uri: SPA_CALLBACK })}`,
];

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** The token a response delivers: the JWT body, or the id_token / token in a redirect's fragment. */
function deliveredToken(response: RawResponse): string | undefined {
  if (response.header('content-type') === 'application/jwt') return response.body.toString('utf8');
  const fragment = new URLSearchParams(response.header('location')?.split('#')[1] ?? '');
  return fragment.get('id_token') ?? fragment.get('token') ?? undefined;
}

describe('client-sent principal headers', () => {
  it('never change who the token is for, and never sign anyone in', async () => {
    const sessions: fc.Arbitrary<Session> = fc.oneof(
      fc.constant<Session>({ kind: 'none' }),
      fc.constant<Session>({ kind: 'valid' }),
      tamperedSessions(host().session).map((cookie): Session => ({ kind: 'tampered', cookie })),
    );
    const cases = fc.record({
      target: fc.constantFrom(...TARGETS),
      session: sessions,
      principal: clientPrincipalHeaders.filter((headers) => headers.length > 0),
      xhr: fc.boolean(),
      // A principal header name spelled with percent-encoding in the query changes nothing either.
      extraQuery: fc.constantFrom(
        '',
        '&x-ms-client-principal-id=admin',
        `&${percentEncode('X-MS-CLIENT-PRINCIPAL')}=x`,
      ),
    });
    await checkProperty(
      'forged principal headers',
      cases,
      async ({ target, session, principal, xhr, extraQuery }) => {
        const headers: Array<[string, string]> = principal.map(([name, value]) => [
          name,
          asFieldValue(value),
        ]);
        if (session.kind === 'valid') headers.push(['Cookie', `${SESSION_COOKIE}=${host().session}`]);
        if (session.kind === 'tampered') headers.push(['Cookie', session.cookie]);
        if (xhr) headers.push(['X-Requested-With', 'XMLHttpRequest']);
        const response = await exchange(host().port, {
          method: 'GET',
          target: `${target}${extraQuery}`,
          headers,
        });
        const token = deliveredToken(response);
        recordOutcome(
          'forged principal headers',
          `${session.kind} ${response.status} ${token ? 'token' : 'no token'}`,
        );
        expect(response.status).toBeLessThan(500);
        if (session.kind !== 'valid') {
          expect(token, 'a token without a valid session').toBeUndefined();
          return;
        }
        expect(token, 'no token for the signed-in user').toBeDefined();
        const claims = claimsOf(token ?? '');
        expect(claims.sub).toBe(FUZZ_USER.userId);
        expect(claims.preferred_username).toBe(FUZZ_USER.userDetails);
        if (claims.email !== undefined) expect(claims.email).toBe(FUZZ_USER.email);
      },
      runs(300),
    );
  }, 120_000);
});
