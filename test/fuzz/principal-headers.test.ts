import functions, { type HttpHandler } from '@azure/functions';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { authorizeHandler, powerPagesAuthorizeHandler } from '../../functions/authorize.js';
import { siteTokenHandler, tokenHandler } from '../../functions/token.js';
import { userinfoHandler } from '../../functions/verify.js';
import { mintOidc } from '../oidc-api/support.js';
import { callHandler } from '../support/call-handler.js';
import { setUpTokenSite } from '../support/token-site.js';
import { checkProperty, expectReached, reached, recordOutcome, runs } from './support/fuzz-run.js';
import { fuzzSiteSettings, registeredRedirectUris, SPA, SPA_CALLBACK } from './support/fuzz-site.js';
import { fuzzSuite } from './support/fuzz-suite.js';
import { asRawResponse } from './support/handler-response.js';
import { checkResponse, describeOutcome, type OracleSite } from './support/oracle.js';
import {
  type PrincipalHeaders,
  principalHeaderRecord,
  principalHeaders,
} from './support/principal-values.js';
import type { RouteKind } from './support/routes.js';

/**
 * Behind Easy Auth (WEBSITE_AUTH_ENABLED=True) the handlers trust X-MS-CLIENT-PRINCIPAL*: the
 * platform sets them. Those headers cannot be fuzzed over the dev host, which replaces them, so
 * this file calls the handlers directly with malformed, hostile and huge ones. Whatever they
 * hold: no 5xx, a documented answer, and a token only when -ID names someone, for exactly them.
 */

const BASE = 'https://sts.contoso.example';
const site: OracleSite = {
  redirectTargets: registeredRedirectUris(BASE).filter((uri) => !uri.startsWith('http://spa.')),
  allowedOrigins: new Set(),
};
fuzzSuite('principal-headers', { host: false });

/**
 * Floors on the cases that reach the userinfo-200 check (about 20%) and the token-subject check
 * (about 9%: a token needs the configured provider and a principal blob that agrees, if sent).
 */
const SHARE_USERINFO_200 = 0.08;
const SHARE_TOKEN = 0.04;
let accessToken = '';

beforeAll(async () => {
  await setUpTokenSite(fuzzSiteSettings(BASE));
  accessToken = (await mintOidc({ clientId: SPA })).accessToken;
});

interface Endpoint {
  name: string;
  kind: RouteKind;
  handler: HttpHandler;
  path: string;
  /** Whether a signed-in user gets a token in the answer (at the JWT body or a redirect). */
  issues: boolean;
  extraHeaders?: () => Record<string, string>;
}

const AUTHORIZE = new URLSearchParams({
  client_id: SPA,
  redirect_uri: SPA_CALLBACK,
  response_type: 'id_token token',
  scope: 'openid profile email phone',
  nonce: 'n-1',
  state: 's-1',
});

const ENDPOINTS: Endpoint[] = [
  {
    name: 'token',
    kind: 'token',
    handler: tokenHandler,
    path: '/_services/auth/token?client_id=demo-app',
    issues: true,
  },
  {
    name: 'tenant-token',
    kind: 'tenant-token',
    handler: siteTokenHandler,
    path: '/contoso/oauth2/v1/token',
    issues: true,
  },
  {
    name: 'authorize',
    kind: 'authorize',
    handler: authorizeHandler,
    path: `/contoso/oauth2/v1/auth?${AUTHORIZE}`,
    issues: true,
  },
  {
    name: 'power-pages-authorize',
    kind: 'authorize',
    handler: powerPagesAuthorizeHandler,
    path: `/_services/auth/authorize?client_id=${SPA}&redirect_uri=${encodeURIComponent(SPA_CALLBACK)}`,
    issues: true,
  },
  {
    name: 'userinfo',
    kind: 'userinfo',
    handler: userinfoHandler,
    path: '/contoso/oauth2/v1/userinfo',
    issues: false,
    extraHeaders: () => ({ authorization: `Bearer ${accessToken}` }),
  },
];

function request(endpoint: Endpoint, principal: PrincipalHeaders, xhr: boolean) {
  const headers = { ...principalHeaderRecord(principal), ...endpoint.extraHeaders?.() };
  if (xhr) headers['x-requested-with'] = 'XMLHttpRequest';
  return new functions.HttpRequest({
    method: 'GET',
    url: `${BASE}${endpoint.path}`,
    headers,
    params: { site: 'contoso' },
  });
}

function tokenIn(body: string, location: string | undefined): string | undefined {
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(body)) return body;
  const fragment = new URLSearchParams(location?.split('#')[1] ?? '');
  return fragment.get('id_token') ?? fragment.get('token') ?? undefined;
}

describe('Easy Auth principal headers at the handlers', () => {
  it('malformed, hostile or huge: no 5xx, a documented answer, a token only for the -ID sent', async () => {
    const cases = fc.record({
      endpoint: fc.constantFrom(...ENDPOINTS),
      principal: principalHeaders,
      xhr: fc.boolean(),
    });
    const numRuns = runs(400);
    await checkProperty(
      'principal headers at the handlers',
      cases,
      async ({ endpoint, principal, xhr }) => {
        const sent = request(endpoint, principal, xhr);
        // What the handler reads: the Headers class has already trimmed the value.
        const id = sent.headers.get('x-ms-client-principal-id')?.trim() || undefined;
        // Only a principal of the configured identity provider (aad) is believed.
        const trustedIdp = sent.headers.get('x-ms-client-principal-idp')?.trim().toLowerCase() === 'aad';
        const result = await callHandler(endpoint.handler, sent);
        const response = asRawResponse(result);
        recordOutcome('principal headers at the handlers', `${endpoint.name} ${describeOutcome(response)}`);
        checkResponse(
          response,
          { method: 'GET', kind: endpoint.kind, routed: true, origin: undefined },
          site,
        );

        const token = tokenIn(result.body, response.header('location'));
        if (id === undefined || !trustedIdp || !endpoint.issues) {
          expect(token, 'a token for an anonymous request').toBeUndefined();
          if (endpoint.kind === 'userinfo' && response.status === 200) {
            reached('principal headers: userinfo 200 without the -ID');
            const claims = JSON.parse(result.body) as Record<string, unknown>;
            // Profile claims only from the session of the token's own user.
            if (id !== 'ada-0001') expect(Object.keys(claims)).toEqual(['sub']);
          }
          return;
        }
        if (token === undefined) return; // e.g. access_denied: no auth_time from this principal
        reached('principal headers: a token for the -ID sent');
        const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        expect(claims.sub, 'the token is not for the -ID sent').toBe(id);
      },
      numRuns,
    );
    expectReached('principal headers: userinfo 200 without the -ID', numRuns, SHARE_USERINFO_200);
    expectReached('principal headers: a token for the -ID sent', numRuns, SHARE_TOKEN);
  }, 120_000);
});
