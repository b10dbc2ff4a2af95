import fc from 'fast-check';
import { SPA, SPA_CALLBACK, SPA_LOOPBACK, SPA_WITH_QUERY } from './fuzz-site.js';
import { acceptLanguages } from './header-values.js';
import { IN_BODY, mutations, type NearValidCase } from './near-valid.js';
import { PLANT, SHORT_PLANT } from './values.js';

/**
 * Near-valid authorize requests: the client and a registered redirect URI right, planted markers
 * in state and nonce, then a few changes. Signed in or not.
 */

const OIDC_BASE = fc.record({
  client_id: fc.constant(SPA),
  redirect_uri: fc.constantFrom(SPA_CALLBACK, SPA_LOOPBACK, SPA_WITH_QUERY),
  response_type: fc.constantFrom('id_token', 'id_token token', 'token'),
  response_mode: fc.constantFrom('fragment', 'form_post'),
  scope: fc.constantFrom('openid', 'openid profile email'),
  nonce: fc.constantFrom(PLANT, `n-${SHORT_PLANT}`),
  state: fc.constantFrom(PLANT, SHORT_PLANT, `${PLANT}${'s'.repeat(1500)}`),
});

const POWER_PAGES_BASE = fc.record({
  client_id: fc.constant(SPA),
  redirect_uri: fc.constantFrom(SPA_CALLBACK, SPA_LOOPBACK),
  response_type: fc.constant('token'),
  nonce: fc.constant(SHORT_PLANT),
  state: fc.constant(SHORT_PLANT),
});

const EXTRA_NAMES = ['prompt', 'max_age', 'ui_locales', 'request', 'request_uri', 'registration'];

export function authorizeCases(hostUrl: string): fc.Arbitrary<NearValidCase> {
  return fc.constantFrom('authorize', 'authorize', 'power-pages-authorize').chain((route) => {
    const base: fc.Arbitrary<Record<string, string>> = route === 'authorize' ? OIDC_BASE : POWER_PAGES_BASE;
    return base.chain((params) =>
      fc.record({
        route: fc.constant(route),
        method:
          route === 'authorize' ? fc.constantFrom<'GET' | 'POST'>('GET', 'POST') : fc.constant<'GET'>('GET'),
        base: fc.constant(params),
        mutations: mutations([...Object.keys(params), ...EXTRA_NAMES], hostUrl),
        signedIn: fc.boolean(),
        inBody: IN_BODY,
        headers: fc
          .option(acceptLanguages, { nil: undefined })
          .map(
            (language): Array<[string, string]> =>
              language === undefined ? [] : [['Accept-Language', language]],
          ),
      }),
    );
  });
}
