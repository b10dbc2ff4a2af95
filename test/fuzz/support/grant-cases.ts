import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { allowedCorsOrigins, type FuzzHost, SESSION_COOKIE, SPA, SPA_CALLBACK } from './fuzz-site.js';
import { originHeaders } from './header-values.js';
import { IN_BODY, type Mutation, mutations, type NearValidCase } from './near-valid.js';
import { optionalHeaders } from './requests.js';

/**
 * Near-valid OAuth token requests (grant_type) at the site's token endpoint. Half start from a
 * real, unused code with its verifier, or a real refresh token, minted for the case; the rest from
 * values of the right shape that the service never issued. Then a few changes to the grant's own
 * parameters: the cases reach PKCE, the code and refresh token stores and rotation, not only the
 * first parameter check.
 */

export type GrantType = 'authorization_code' | 'refresh_token';

export interface GrantCase {
  grantType: GrantType;
  /** Start from real material minted for this case (else well-shaped values never issued). */
  real: boolean;
  /** The rest of a NearValidCase; the base is made when the case runs. */
  request: Omit<NearValidCase, 'base'>;
}

const GRANT_NAMES = [
  'grant_type',
  'code',
  'code_verifier',
  'redirect_uri',
  'client_id',
  'refresh_token',
  'scope',
];
/** Mostly every parameter in the body, as clients send them; sometimes some in the query. */
const GRANT_IN_BODY = fc.oneof(
  { weight: 3, arbitrary: fc.constant(Array.from({ length: 12 }, () => true)) },
  { weight: 1, arbitrary: IN_BODY },
);

export function grantCases(hostUrl: string): fc.Arbitrary<GrantCase> {
  return fc.record({
    grantType: fc.constantFrom<GrantType>('authorization_code', 'refresh_token'),
    real: fc.boolean(),
    request: fc.record({
      route: fc.constant('tenant-token'),
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant<'POST'>('POST') },
        { weight: 1, arbitrary: fc.constant<'GET'>('GET') },
      ),
      mutations: fc.oneof(
        { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
        { weight: 2, arbitrary: mutations(GRANT_NAMES, hostUrl) },
      ),
      signedIn: fc.boolean(),
      inBody: GRANT_IN_BODY,
      headers: optionalHeaders({ Origin: originHeaders([...allowedCorsOrigins(hostUrl)]) }),
    }),
  });
}

/** A case the service must answer with tokens: real material, unchanged, POSTed in the body. */
export function mustSucceed(testCase: GrantCase): boolean {
  const { request } = testCase;
  return (
    testCase.real &&
    request.method === 'POST' &&
    request.mutations.length === 0 &&
    request.inBody.every(Boolean)
  );
}

/** The valid parameters of the case's grant: minted now on the fuzz host, or never issued. */
export async function grantBase(host: FuzzHost, testCase: GrantCase): Promise<Record<string, string>> {
  const fake = () => randomBytes(32).toString('base64url');
  if (!testCase.real) {
    return testCase.grantType === 'authorization_code'
      ? {
          grant_type: 'authorization_code',
          code: fake(),
          code_verifier: fake(),
          redirect_uri: SPA_CALLBACK,
          client_id: SPA,
        }
      : {
          grant_type: 'refresh_token',
          refresh_token: `${fake()}.${fake().slice(0, 22)}.${fake()}`,
          client_id: SPA,
        };
  }
  const code = await mintCode(host);
  if (testCase.grantType === 'authorization_code') return code;
  const response = await fetch(`${host.url}/contoso/oauth2/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(code),
  });
  const { refresh_token } = (await response.json()) as { refresh_token?: string };
  if (!refresh_token) throw new Error(`no refresh token to fuzz with (${response.status})`);
  return { grant_type: 'refresh_token', refresh_token, client_id: SPA };
}

/** A code for the fuzz user (code flow with PKCE, offline_access), with what redeems it. */
async function mintCode(host: FuzzHost): Promise<Record<string, string>> {
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    client_id: SPA,
    redirect_uri: SPA_CALLBACK,
    response_type: 'code',
    scope: 'openid profile offline_access',
    nonce: 'n',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const response = await fetch(`${host.url}/contoso/oauth2/v1/auth?${query}`, {
    headers: { cookie: `${SESSION_COOKIE}=${host.session}` },
    redirect: 'manual',
  });
  const code = new URL(response.headers.get('location') ?? '', host.url).searchParams.get('code');
  if (!code) throw new Error(`no code to fuzz with (${response.status})`);
  return {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: SPA_CALLBACK,
    client_id: SPA,
  };
}
