import fc from 'fast-check';
import {
  INSECURE_APP,
  INSECURE_CALLBACK,
  SPA,
  SPA_CALLBACK,
  SPA_LOOPBACK,
  SPA_SIGNED_OUT,
  SPA_WITH_QUERY,
} from './fuzz-site.js';
import { forgedJws } from './header-values.js';
import type { ValuesFor } from './requests.js';
import { hostileText, longText, PLANT, printableWithPlant, shortHostile } from './values.js';

const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];
const base64url = (length: number) =>
  fc
    .array(fc.constantFrom(...BASE64URL), { minLength: length, maxLength: length })
    .map((chars) => chars.join(''));

/**
 * Plausible values per parameter name, mixed with hostile ones. A request made only of garbage
 * stops at the first check; one whose client and redirect URI are right reaches the redirects and
 * the form_post page, where a reflected value would matter.
 */
export function plausibleValues(hostUrl: string): Record<string, fc.Arbitrary<string>> {
  const hostRoot = new URL('/', hostUrl).href;
  return {
    client_id: fc.constantFrom('demo-app', SPA, INSECURE_APP, 'unknown-app', 'a'.repeat(37), 'Demo-App'),
    redirect_uri: fc.constantFrom(
      SPA_CALLBACK,
      SPA_LOOPBACK,
      SPA_WITH_QUERY,
      INSECURE_CALLBACK,
      hostRoot,
      `${SPA_CALLBACK}/`,
      `${SPA_CALLBACK}#x`,
      'https://evil.example/callback',
      `//evil.example/callback`,
      'javascript:alert(1)',
    ),
    response_type: fc.constantFrom(
      'id_token',
      'token',
      'id_token token',
      'token id_token',
      'code',
      'none',
      'token token',
    ),
    response_mode: fc.constantFrom('fragment', 'form_post', 'query', 'web_message'),
    scope: fc.constantFrom('openid', 'openid profile email phone', 'profile', 'openid openid'),
    prompt: fc.constantFrom('none', 'login', 'consent', 'none login', 'select_account'),
    max_age: fc.constantFrom('0', '60', '-1', '99999999999', '1e3'),
    auth_after: fc.constantFrom('0', '4102444800', '999999999999', 'x'),
    ui_locales: fc.constantFrom('de', 'fr-CA en', 'zh-Hant', 'x-klingon'),
    grant_type: fc.constantFrom(
      'authorization_code',
      'refresh_token',
      'client_credentials',
      'implicit',
      'password',
      'Authorization_Code',
      'authorization_code ',
    ),
    // Shaped like the real ones (43 base64url; <43>.<22>.<43>), and near misses of the shape.
    code: fc.oneof(base64url(43), base64url(42), base64url(44), fc.constant('')),
    code_verifier: fc.oneof(
      base64url(43),
      base64url(128),
      base64url(42),
      base64url(129),
      fc.constant('a~b.c_d-e'.repeat(5)),
    ),
    refresh_token: fc.oneof(
      fc.tuple(base64url(43), base64url(22), base64url(43)).map((parts) => parts.join('.')),
      fc.tuple(base64url(43), base64url(22)).map((parts) => parts.join('.')),
      base64url(108),
    ),
    post_logout_redirect_uri: fc.constantFrom(
      SPA_SIGNED_OUT,
      `${SPA_SIGNED_OUT}/`,
      SPA_CALLBACK,
      'https://evil.example/',
    ),
    id_token_hint: forgedJws,
    continuation: forgedJws,
    token: forgedJws,
    access_token: forgedJws,
    token_type_hint: fc.constantFrom('access_token', 'id_token', 'refresh_token'),
    // state is echoed (a header at the token endpoint, the page or Location at authorize): planted.
    state: fc.oneof(printableWithPlant, shortHostile, fc.constant(PLANT)),
    nonce: fc.oneof(printableWithPlant, shortHostile, fc.constant(PLANT)),
  };
}

/**
 * For a name: its plausible values most of the time, else hostile text, some of it long. Long
 * enough to matter, short enough that most requests stay under Node's 16 KB head limit once
 * percent-encoded (the huge-value properties go past it on purpose).
 */
export function valuesFor(hostUrl: string): ValuesFor {
  const plausible = plausibleValues(hostUrl);
  const hostile = fc.oneof(
    { weight: 6, arbitrary: hostileText },
    { weight: 1, arbitrary: longText(100, 1500) },
  );
  return (name) => {
    const own = plausible[name];
    return own ? fc.oneof({ weight: 3, arbitrary: own }, { weight: 2, arbitrary: hostile }) : hostile;
  };
}
