import fc from 'fast-check';
import { allowedCorsOrigins } from './fuzz-site.js';
import { acceptLanguages, originHeaders } from './header-values.js';
import { IN_BODY, mutations, type NearValidCase } from './near-valid.js';
import { optionalHeaders } from './requests.js';
import { printableWithPlant, shortHostile } from './values.js';

/**
 * Near-valid token requests (Power Pages and tenant routes), mostly signed in: a registered
 * client, a state and nonce of at most 20 characters with a planted marker (printable, or with
 * CR, LF, NUL, RTL marks...), then a few changes.
 * Signed in, the state comes back in a response header: where a value the rule let through
 * could split the response.
 */

const BASE = fc.record(
  {
    client_id: fc.constantFrom('demo-app', 'spa-app'),
    state: fc.oneof({ weight: 2, arbitrary: printableWithPlant }, { weight: 1, arbitrary: shortHostile }),
    nonce: fc.oneof({ weight: 2, arbitrary: printableWithPlant }, { weight: 1, arbitrary: shortHostile }),
    response_type: fc.constant('token'),
  },
  { requiredKeys: [] },
);

export function tokenCases(hostUrl: string): fc.Arbitrary<NearValidCase> {
  const headers = optionalHeaders({
    'X-Requested-With': fc.constant('XMLHttpRequest'),
    Origin: originHeaders([...allowedCorsOrigins(hostUrl)]),
    'Accept-Language': acceptLanguages,
  });
  return fc.record({
    route: fc.constantFrom('token', 'tenant-token'),
    method: fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
    base: BASE.map(
      (base): Record<string, string> =>
        Object.fromEntries(
          Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== undefined),
        ),
    ),
    mutations: mutations(['client_id', 'state', 'nonce', 'response_type', 'grant_type'], hostUrl),
    signedIn: fc.oneof(
      { weight: 4, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    inBody: IN_BODY,
    headers,
  });
}
