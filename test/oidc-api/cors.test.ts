import { beforeEach, describe, expect, it } from 'vitest';
import { discoveryHandler, jwksHandler } from '../../functions/publickey.js';
import { siteTokenHandler, tokenHandler } from '../../functions/token.js';
import { userinfoHandler, verifyHandler } from '../../functions/verify.js';
import { EXPOSED_HEADERS, withHeaders } from '../../shared/http/cors.js';
import { ANY_CLIENT, siteCorsOrigins } from '../../shared/oidc/site-cors.js';
import { callHandler } from '../support/call-handler.js';
import { parsedSite } from '../support/parsed-site.js';
import { ADA, DEMO_SETTINGS, principalHeaders, setUpTokenSite } from '../support/token-site.js';
import { apiRequest, formPost, mintOidc, PORTAL_ORIGIN } from './support.js';

/** The demo client's redirect URI is http://localhost:7071/; the allow-list adds the portal. */
const SETTINGS = {
  ...DEMO_SETTINGS,
  'ImplicitGrantFlow/CorsAllowedOrigins': `${PORTAL_ORIGIN}; *; not a url`,
  // A redirect URI of a client that is not registered grants nothing.
  'ImplicitGrantFlow/ghost-app/RedirectUri': 'https://ghost.example/callback',
};

beforeEach(async () => {
  await setUpTokenSite(SETTINGS);
});

const tenant = { site: 'contoso' };
const granted = (origin: string) => ({
  'access-control-allow-origin': origin,
  'access-control-allow-credentials': 'true',
  vary: 'Origin',
});

function corsHeaders(headers: Headers) {
  return Object.fromEntries(
    [...headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'),
  );
}

describe('credentialed CORS on token, verify and userinfo', () => {
  it("grants a registered client's redirect URI origin, with the headers Power Pages' script reads exposed", async () => {
    const response = await callHandler(
      tokenHandler,
      apiRequest('/_services/auth/token?client_id=demo-app&state=s', {
        headers: { ...principalHeaders(ADA), origin: 'http://localhost:7071' },
      }),
    );
    expect(response.status).toBe(200);
    expect(corsHeaders(response.headers)).toEqual({
      ...granted('http://localhost:7071'),
      'access-control-expose-headers': EXPOSED_HEADERS,
    });
    expect(EXPOSED_HEADERS.split(', ')).toEqual(
      expect.arrayContaining(['state', 'expires_in', 'X-Responded-JSON']),
    );
  });

  it('grants an origin of ImplicitGrantFlow/CorsAllowedOrigins, on the anonymous envelope and on errors too', async () => {
    const envelope = await callHandler(
      siteTokenHandler,
      formPost(
        '/contoso/oauth2/v1/token',
        {},
        {
          params: tenant,
          headers: { origin: PORTAL_ORIGIN, 'X-Requested-With': 'XMLHttpRequest' },
        },
      ),
    );
    expect(envelope.headers.get('x-responded-json')).toContain('"status":401');
    expect(corsHeaders(envelope.headers)).toMatchObject(granted(PORTAL_ORIGIN));

    const error = await callHandler(
      tokenHandler,
      apiRequest('/_services/auth/token?client_id=unknown-app', { headers: { origin: PORTAL_ORIGIN } }),
    );
    expect(error.json()).toMatchObject({ ErrorId: 'PortalSTS0001' });
    expect(corsHeaders(error.headers)).toMatchObject(granted(PORTAL_ORIGIN));
  });

  it('gives any other origin no CORS header at all (the browser keeps the response from the page)', async () => {
    for (const origin of ['https://evil.example', 'https://ghost.example', 'null', 'http://localhost:7072']) {
      const response = await callHandler(
        tokenHandler,
        apiRequest('/_services/auth/token', { headers: { ...principalHeaders(ADA), origin } }),
      );
      expect(response.status).toBe(200);
      expect(corsHeaders(response.headers)).toEqual({ vary: 'Origin' });
    }
  });

  it('applies to verify and userinfo', async () => {
    const { accessToken } = await mintOidc();
    const verify = await callHandler(
      verifyHandler,
      formPost(
        '/contoso/oauth2/v1/verify',
        { token: accessToken },
        { params: tenant, headers: { origin: PORTAL_ORIGIN } },
      ),
    );
    expect(corsHeaders(verify.headers)).toMatchObject(granted(PORTAL_ORIGIN));
    const userinfo = await callHandler(
      userinfoHandler,
      apiRequest('/contoso/oauth2/v1/userinfo', { params: tenant, headers: { origin: PORTAL_ORIGIN } }),
    );
    expect(userinfo.status).toBe(401);
    expect(corsHeaders(userinfo.headers)).toMatchObject(granted(PORTAL_ORIGIN));
    expect(userinfo.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
  });
});

describe('preflight (OPTIONS)', () => {
  const preflight = (
    handler: typeof tokenHandler,
    path: string,
    origin: string,
    params: Record<string, string> = tenant,
  ) =>
    callHandler(
      handler,
      apiRequest(path, {
        method: 'OPTIONS',
        params,
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'x-requested-with, authorization',
        },
      }),
    );

  it('is 204 with methods, headers and max-age for an allowed origin, on every credentialed route', async () => {
    const routes = [
      [tokenHandler, '/_services/auth/token', {}],
      [siteTokenHandler, '/contoso/oauth2/v1/token', tenant],
      [verifyHandler, '/contoso/oauth2/v1/verify', tenant],
      [userinfoHandler, '/contoso/oauth2/v1/userinfo', tenant],
    ] as const;
    for (const [handler, path, params] of routes) {
      const response = await preflight(handler, path, PORTAL_ORIGIN, params);
      expect(response.status).toBe(204);
      expect(corsHeaders(response.headers)).toEqual({
        ...granted(PORTAL_ORIGIN),
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'Authorization, Content-Type, X-Requested-With',
        'access-control-max-age': '600',
        'access-control-expose-headers': EXPOSED_HEADERS,
      });
    }
  });

  it('is 204 without a grant for another origin, and 404 for an unknown tenant', async () => {
    const refused = await preflight(tokenHandler, '/_services/auth/token', 'https://evil.example', {});
    expect(refused.status).toBe(204);
    expect(corsHeaders(refused.headers)).toEqual({ vary: 'Origin' });
    const unknown = await preflight(verifyHandler, '/nowhere/oauth2/v1/verify', PORTAL_ORIGIN, {
      site: 'nowhere',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.has('access-control-allow-origin')).toBe(false);
  });
});

describe('open CORS on discovery and JWKS', () => {
  it('allows every origin, without credentials', async () => {
    for (const [handler, path] of [
      [discoveryHandler, '/contoso/.well-known/openid-configuration'],
      [jwksHandler, '/contoso/oauth2/v1/keys'],
    ] as const) {
      const response = await callHandler(
        handler,
        apiRequest(path, { params: tenant, headers: { origin: 'https://evil.example' } }),
      );
      expect(corsHeaders(response.headers)).toEqual({ 'access-control-allow-origin': '*' });
    }
  });
});

describe('siteCorsOrigins and withHeaders', () => {
  it("is the origins of every registered client's redirect URIs plus the allow-list, normalised", () => {
    const site = parsedSite({
      'ImplicitGrantFlow/RegisteredClientId': 'a;b',
      'ImplicitGrantFlow/a/RedirectUri': 'https://App.Contoso.com:443/cb; http://localhost:3000/x',
      'ImplicitGrantFlow/b/RedirectUri': 'javascript:alert(1)',
      'ImplicitGrantFlow/c/RedirectUri': 'https://unregistered.example/',
      'ImplicitGrantFlow/CorsAllowedOrigins': 'https://portal.contoso.com/;*;ftp://files.example',
    });
    expect([...siteCorsOrigins(site, ANY_CLIENT)].sort()).toEqual([
      'http://localhost:3000',
      'https://app.contoso.com',
      'https://portal.contoso.com',
    ]);
  });

  it('appends to Vary rather than replacing it', () => {
    const result = withHeaders({ status: 200, headers: { Vary: 'Accept-Language' } }, { Vary: 'Origin' });
    expect(new Headers(result.headers as Headers).get('vary')).toBe('Accept-Language, Origin');
  });
});
