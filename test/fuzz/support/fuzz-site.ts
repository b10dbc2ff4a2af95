import { resetServices } from '../../../shared/services.js';
import {
  authorizeSiteSettings,
  INSECURE_APP,
  INSECURE_CALLBACK,
  SPA,
  SPA_CALLBACK,
  SPA_LOOPBACK,
  SPA_WITH_QUERY,
} from '../../authorize/support.js';
import { CookieJarClient, startTestDevHost, type TestDevHost } from '../../support/dev-host.js';

/**
 * The site the fuzz properties attack: the authorize tests' site (a browser app with https,
 * loopback and query-carrying redirect URIs, and a registered client whose only redirect URI is not
 * conforming: plain http on a public host), with sign-out, refresh tokens and one extra CORS origin.
 */
export { INSECURE_APP, INSECURE_CALLBACK, SPA, SPA_CALLBACK, SPA_LOOPBACK, SPA_WITH_QUERY };
export const EXTRA_CORS_ORIGIN = 'https://portal.contoso.example';
/** Where sign-out may send the SPA back to (through the service's own complete step). */
export const SPA_SIGNED_OUT = 'https://spa.contoso.example/signed-out';

export function fuzzSiteSettings(url: string): Record<string, string> {
  return {
    ...authorizeSiteSettings(url),
    'ImplicitGrantFlow/CorsAllowedOrigins': EXTRA_CORS_ORIGIN,
    [`ImplicitGrantFlow/${SPA}/PostLogoutRedirectUri`]: SPA_SIGNED_OUT,
    [`ImplicitGrantFlow/${SPA}/AllowRefreshTokens`]: 'True',
  };
}

/** Every redirect URI the site registers: the only absolute URLs a Location header may name. */
export function registeredRedirectUris(url: string): string[] {
  return [new URL('/', url).href, SPA_CALLBACK, SPA_LOOPBACK, SPA_WITH_QUERY, INSECURE_CALLBACK];
}

/** The origins allowed credentialed CORS: those of the redirect URIs, plus the extra one. */
export function allowedCorsOrigins(url: string): Set<string> {
  return new Set([...registeredRedirectUris(url).map((uri) => new URL(uri).origin), EXTRA_CORS_ORIGIN]);
}

/** The user the fuzz runs sign in as. */
export const FUZZ_USER = {
  userId: 'fuzz-user-0001',
  userDetails: 'fuzz@contoso.com',
  email: 'fuzz@contoso.com',
  given_name: 'Fuzz',
  family_name: 'Tester',
  locale: 'en-US',
};

export const SESSION_COOKIE = 'AppServiceAuthSession';

export interface FuzzHost {
  dev: TestDevHost;
  url: string;
  port: number;
  /** A valid session cookie value of FUZZ_USER. */
  session: string;
  close(): Promise<void>;
}

/**
 * The dev host with the fuzz site, signed in once. Site settings are cached for the run (the test
 * host reads them on every request by default): the properties fuzz requests, not the Table.
 */
export async function startFuzzHost(): Promise<FuzzHost> {
  const dev = await startTestDevHost({ settings: fuzzSiteSettings });
  process.env.SITE_SETTINGS_TTL_SECONDS = '600';
  resetServices();
  const browser = new CookieJarClient(dev.url);
  const signedIn = await browser.signIn({ ...FUZZ_USER, post_login_redirect_uri: '/' });
  const session = browser.cookies.get(SESSION_COOKIE);
  if (signedIn.status !== 303 || !session) throw new Error(`sign-in failed: ${signedIn.status}`);
  return { dev, url: dev.url, port: dev.host.port, session, close: () => dev.close() };
}
