import { KNOWN_AUTHORIZE_PARAMETERS } from '../../../shared/oidc/authorize/request-checks.js';
import { INTROSPECTION_PARAMETERS } from '../../../shared/oidc/introspection.js';
import { LOGOUT_PARAMETERS } from '../../../shared/oidc/logout/logout-request.js';
import { REVOCATION_PARAMETERS } from '../../../shared/oidc/revoke/revocation-request.js';
import { GRANT_PARAMETERS } from '../../../shared/oidc/token/grant-request.js';
import { TOKEN_PARAMETERS } from '../../../shared/power-pages/token-request.js';

/**
 * The routes under fuzz, as functions/*.ts register them (route, methods), with the parameter
 * names each endpoint reads: the fuzzer mixes these known names with random ones so that values
 * reach the checks behind them, not only the "unknown parameter" path.
 */

export type RouteKind =
  | 'token'
  | 'tenant-token'
  | 'public'
  | 'authorize'
  | 'verify'
  | 'userinfo'
  | 'revoke'
  | 'logout';

export interface FuzzRoute {
  name: string;
  kind: RouteKind;
  /** The methods the function registers; any other gets the host's 404. */
  methods: readonly string[];
  /** The path with the (already encoded) tenant segment; routes without one ignore it. */
  path(tenantSegment: string): string;
  tenanted: boolean;
  parameters: readonly string[];
}

// The names each endpoint reads, from the code itself: the fuzzer's job is the values.
const AUTHORIZE_PARAMETERS = [...KNOWN_AUTHORIZE_PARAMETERS];
const USERINFO_PARAMETERS = ['access_token'];
const PUBLIC_PARAMETERS: string[] = [];

const CREDENTIALED = ['GET', 'POST', 'OPTIONS'];
const PUBLIC = ['GET', 'OPTIONS'];

export const FUZZ_ROUTES: readonly FuzzRoute[] = [
  fixed('token', 'token', '/_services/auth/token', CREDENTIALED, [...TOKEN_PARAMETERS]),
  fixed('publickey', 'public', '/_services/auth/publickey', PUBLIC, PUBLIC_PARAMETERS),
  fixed('power-pages-authorize', 'authorize', '/_services/auth/authorize', ['GET'], AUTHORIZE_PARAMETERS),
  fixed('default-discovery', 'public', '/.well-known/openid-configuration', PUBLIC, PUBLIC_PARAMETERS),
  tenanted('authorize', 'authorize', 'oauth2/v1/auth', ['GET', 'POST'], AUTHORIZE_PARAMETERS),
  tenanted('tenant-token', 'tenant-token', 'oauth2/v1/token', CREDENTIALED, [
    ...new Set([...TOKEN_PARAMETERS, ...GRANT_PARAMETERS]),
  ]),
  tenanted('discovery', 'public', '.well-known/openid-configuration', PUBLIC, PUBLIC_PARAMETERS),
  tenanted('keys', 'public', 'oauth2/v1/keys', PUBLIC, PUBLIC_PARAMETERS),
  tenanted('tenant-publickey', 'public', 'oauth2/v1/publickey', PUBLIC, PUBLIC_PARAMETERS),
  tenanted('verify', 'verify', 'oauth2/v1/verify', CREDENTIALED, [...INTROSPECTION_PARAMETERS]),
  tenanted('userinfo', 'userinfo', 'oauth2/v1/userinfo', CREDENTIALED, USERINFO_PARAMETERS),
  tenanted('revoke', 'revoke', 'oauth2/v1/revoke', ['POST', 'OPTIONS'], [...REVOCATION_PARAMETERS]),
  tenanted('logout', 'logout', 'oauth2/v1/logout', ['GET', 'POST'], [...LOGOUT_PARAMETERS]),
  tenanted('logout-complete', 'logout', 'oauth2/v1/logout/complete', ['GET'], ['continuation']),
];

function fixed(
  name: string,
  kind: RouteKind,
  path: string,
  methods: string[],
  parameters: string[],
): FuzzRoute {
  return { name, kind, methods, path: () => path, tenanted: false, parameters };
}

function tenanted(
  name: string,
  kind: RouteKind,
  rest: string,
  methods: string[],
  parameters: string[],
): FuzzRoute {
  return { name, kind, methods, path: (tenant) => `/${tenant}/${rest}`, tenanted: true, parameters };
}

export function fuzzRoute(name: string): FuzzRoute {
  const route = FUZZ_ROUTES.find((candidate) => candidate.name === name);
  if (!route) throw new Error(`no fuzz route ${name}`);
  return route;
}

/** Every parameter name any endpoint reads. */
export const KNOWN_PARAMETERS = [...new Set(FUZZ_ROUTES.flatMap((route) => route.parameters))];
