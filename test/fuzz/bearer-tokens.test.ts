import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { oracleSite } from './support/fuzz-requests.js';
import { checkProperty, expectReached, reached, recordOutcome, runs } from './support/fuzz-run.js';
import { SESSION_COOKIE, SPA, SPA_CALLBACK } from './support/fuzz-site.js';
import { fuzzSuite } from './support/fuzz-suite.js';
import { checkResponse, describeOutcome } from './support/oracle.js';
import { exchange, type RawRequest } from './support/raw-http.js';
import { mutateToken, type TokenMutation, tokenMutations } from './support/token-mutations.js';
import { asFieldValue, percentEncode } from './support/values.js';

/**
 * verify and userinfo with the site's real tokens, kept or broken (a flipped character in any
 * segment, truncated, extended, segments swapped, another alg in the header, no signature, over
 * 8 KB), sent as a Bearer header or a form field. Only an unbroken token is ever active; a broken
 * one is {"active":false} at verify and invalid_token at userinfo, never a 5xx.
 */

const { host } = fuzzSuite('bearer-tokens');

/** Floors on the verify cases answered 200: a broken token (about 89%), an intact one (about 10%). */
const SHARE_BROKEN_200 = 0.5;
const SHARE_INTACT_200 = 0.04;
const tokens: Record<'access' | 'id' | 'powerPages' | 'tenant', string> = {
  access: '',
  id: '',
  powerPages: '',
  tenant: '',
};

async function tokenFrom(target: string): Promise<string> {
  const headers: Array<[string, string]> = [['Cookie', `${SESSION_COOKIE}=${host().session}`]];
  const response = await exchange(host().port, { method: 'GET', target, headers });
  return response.body.toString('utf8');
}

beforeAll(async () => {
  const query = new URLSearchParams({
    client_id: SPA,
    redirect_uri: SPA_CALLBACK,
    response_type: 'id_token token',
    scope: 'openid profile email',
    nonce: 'n-1',
  });
  const authorize = await exchange(host().port, {
    method: 'GET',
    target: `/contoso/oauth2/v1/auth?${query}`,
    headers: [['Cookie', `${SESSION_COOKIE}=${host().session}`]],
  });
  const fragment = new URLSearchParams(authorize.header('location')?.split('#')[1] ?? '');
  tokens.access = fragment.get('access_token') ?? '';
  tokens.id = fragment.get('id_token') ?? '';
  tokens.powerPages = await tokenFrom('/_services/auth/token?client_id=demo-app');
  tokens.tenant = await tokenFrom('/contoso/oauth2/v1/token?client_id=demo-app');
  for (const [kind, token] of Object.entries(tokens)) expect(token, kind).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
});

type Placement = 'bearer' | 'form' | 'both';

function presented(
  route: 'verify' | 'userinfo',
  token: string,
  placement: Placement,
  clientId?: string,
): RawRequest {
  const field = route === 'verify' ? 'token' : 'access_token';
  const target = `/contoso/oauth2/v1/${route}`;
  const headers: Array<[string, string]> = [];
  if (placement !== 'form') headers.push(['Authorization', `Bearer ${asFieldValue(token)}`]);
  const form = [
    ...(placement !== 'bearer' ? [`${field}=${percentEncode(token)}`] : []),
    ...(clientId ? [`client_id=${clientId}`] : []),
  ];
  if (form.length === 0) return { method: 'GET', target, headers };
  headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  return { method: 'POST', target, headers, body: Buffer.from(form.join('&')) };
}

const cases = fc.record({
  kind: fc.constantFrom<keyof typeof tokens>('access', 'id', 'powerPages', 'tenant'),
  mutation: tokenMutations,
  placement: fc.constantFrom<Placement>('bearer', 'form', 'both'),
  clientId: fc.constantFrom(undefined, 'demo-app', SPA, 'other-app'),
});

/** Whether the token as sent is exactly one the site signed. */
const intact = (mutation: TokenMutation) => mutation.kind === 'keep';

describe('real tokens, kept or broken', () => {
  it('verify: active only for an unbroken token of the client asked about; never a 5xx', async () => {
    const site = oracleSite(host());
    const numRuns = runs(400);
    await checkProperty(
      'verify with broken tokens',
      cases,
      async ({ kind, mutation, placement, clientId }) => {
        const token = mutateToken(tokens[kind], mutation);
        const response = await exchange(host().port, presented('verify', token, placement, clientId));
        recordOutcome('verify with broken tokens', `${mutation.kind} ${describeOutcome(response)}`);
        checkResponse(
          response,
          {
            method: placement === 'bearer' && !clientId ? 'GET' : 'POST',
            kind: 'verify',
            routed: true,
            origin: undefined,
          },
          site,
        );
        if (response.status !== 200) return;
        const body = JSON.parse(response.body.toString('utf8')) as { active: boolean };
        if (!intact(mutation)) {
          reached('verify: 200 for a broken token');
          expect(body, `a broken token (${mutation.kind}) is active`).toEqual({ active: false });
        } else {
          reached('verify: 200 for an intact token');
          const audience = kind === 'access' || kind === 'id' ? SPA : 'demo-app';
          expect(body.active).toBe(clientId === undefined || clientId === audience);
        }
      },
      numRuns,
    );
    expectReached('verify: 200 for a broken token', numRuns, SHARE_BROKEN_200);
    expectReached('verify: 200 for an intact token', numRuns, SHARE_INTACT_200);
  }, 120_000);

  it('userinfo: claims only for an unbroken access token; invalid_token otherwise; never a 5xx', async () => {
    const site = oracleSite(host());
    await checkProperty(
      'userinfo with broken tokens',
      cases,
      async ({ kind, mutation, placement }) => {
        const token = mutateToken(tokens[kind], mutation);
        const response = await exchange(host().port, presented('userinfo', token, placement));
        recordOutcome('userinfo with broken tokens', `${mutation.kind} ${describeOutcome(response)}`);
        checkResponse(
          response,
          {
            method: placement === 'bearer' ? 'GET' : 'POST',
            kind: 'userinfo',
            routed: true,
            origin: undefined,
          },
          site,
        );
        // RFC 6750: one token per request. A header value with a space in it is no Bearer token
        // (as the handler reads it: UTF-8 bytes as Latin-1, where U+00A0 is a space to \s).
        const asRead = Buffer.from(asFieldValue(token), 'utf8').toString('latin1');
        const inHeader = placement !== 'form' && /^\S+$/.test(asRead);
        const inForm = placement !== 'bearer' && token !== '';
        const expected = inHeader && inForm ? 400 : intact(mutation) && kind === 'access' ? 200 : 401;
        expect(response.status, `${kind} ${mutation.kind} ${placement}`).toBe(expected);
      },
      runs(300),
    );
  }, 120_000);
});
