import { createHash, X509Certificate } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDevCertificate } from '../../dev/dev-certificate.js';
import { discoveryHandler, jwksHandler, publicKeyHandler } from '../../functions/publickey.js';
import { tokenHandler } from '../../functions/token.js';
import { callHandler } from '../support/call-handler.js';
import { ADA, principalHeaders, setUpTokenSite, type TokenSite } from '../support/token-site.js';
import { apiRequest, ISSUER } from './support.js';

let site: TokenSite;

beforeEach(async () => {
  site = await setUpTokenSite();
});

const discovery = (tenant?: string, headers: Record<string, string> = {}) =>
  callHandler(
    discoveryHandler,
    apiRequest(tenant ? `/${tenant}/.well-known/openid-configuration` : '/.well-known/openid-configuration', {
      params: tenant ? { site: tenant } : {},
      headers,
    }),
  );

const jwks = (tenant = 'contoso', headers: Record<string, string> = {}) =>
  callHandler(jwksHandler, apiRequest(`/${tenant}/oauth2/v1/keys`, { params: { site: tenant }, headers }));

interface Jwks {
  keys: Array<Record<string, unknown> & { kid: string; x5t: string; x5c: string[] }>;
}

describe('GET /{tenant}/.well-known/openid-configuration', () => {
  it('describes an implicit-flow OpenID Provider under the URL issuer', async () => {
    const response = await discovery('contoso');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.json()).toEqual({
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/oauth2/v1/auth`,
      token_endpoint: `${ISSUER}/oauth2/v1/token`,
      userinfo_endpoint: `${ISSUER}/oauth2/v1/userinfo`,
      jwks_uri: `${ISSUER}/oauth2/v1/keys`,
      introspection_endpoint: `${ISSUER}/oauth2/v1/verify`,
      revocation_endpoint: `${ISSUER}/oauth2/v1/revoke`,
      end_session_endpoint: `${ISSUER}/oauth2/v1/logout`,
      scopes_supported: ['openid', 'profile', 'email', 'phone', 'offline_access'],
      response_types_supported: ['code', 'id_token', 'id_token token', 'token'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'implicit'],
      code_challenge_methods_supported: ['S256'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['none'],
      introspection_endpoint_auth_methods_supported: ['none'],
      revocation_endpoint_auth_methods_supported: ['none'],
      claims_supported: expect.arrayContaining(['sub', 'iss', 'aud', 'nonce', 'email', 'name', 'auth_time']),
      claim_types_supported: ['normal'],
      claims_parameter_supported: false,
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
      require_request_uri_registration: false,
      authorization_response_iss_parameter_supported: true,
    });
  });

  it('is public: open CORS, cached 5 minutes, and a matching ETag is a 304', async () => {
    const response = await discovery('contoso');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.has('access-control-allow-credentials')).toBe(false);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);

    const again = await discovery('contoso', { 'if-none-match': `W/${etag}` });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await discovery('contoso', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('at the root serves the default site', async () => {
    const root = await discovery();
    expect(root.status).toBe(200);
    expect(root.json()).toEqual((await discovery('contoso')).json());
  });

  it('lists ES256 first when the site signs with an EC key (RS256 always listed)', async () => {
    const ec = await createDevCertificate({ dir: site.certificatesDir, name: 'ec', keyType: 'ec' });
    await site.table.write('contoso', 'CustomCertificates/ImplicitGrantflow', ec.thumbprint);
    expect((await discovery('contoso')).json().id_token_signing_alg_values_supported).toEqual([
      'ES256',
      'RS256',
    ]);
  });

  it('is 404 PortalSTS0009 for a tenant with no settings or that is not a site id, still with open CORS', async () => {
    for (const tenant of ['fabrikam', 'Not_A_Site']) {
      const response = await discovery(tenant);
      expect(response.status).toBe(404);
      expect(response.json()).toMatchObject({ ErrorId: 'PortalSTS0009' });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
  });
});

describe('GET /{tenant}/oauth2/v1/keys', () => {
  it("publishes the signing key as a JWK whose kid and x5t are the token's kid and whose x5c is the certificate", async () => {
    const token = await callHandler(
      tokenHandler,
      apiRequest('/_services/auth/token?client_id=demo-app', { headers: principalHeaders(ADA) }),
    );
    const { kid } = decodeProtectedHeader(token.body);

    const response = await jwks();
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const { keys } = response.json<Jwks>();
    expect(keys).toHaveLength(1);
    const [jwk] = keys;
    expect(jwk).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', kid, x5t: kid });
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(jwk).not.toHaveProperty(secret);

    const certificate = new X509Certificate(Buffer.from(jwk?.x5c[0] ?? '', 'base64'));
    const sha1 = createHash('sha1').update(certificate.raw).digest();
    expect(sha1.toString('hex').toUpperCase()).toBe(site.defaultThumbprint);
    expect(sha1.toString('base64url')).toBe(kid);
    expect(certificate.publicKey.export({ format: 'jwk' })).toMatchObject({ n: jwk?.n, e: jwk?.e });
  });

  it('answers a matching If-None-Match with 304', async () => {
    const etag = (await jwks()).headers.get('etag') ?? '';
    expect((await jwks('contoso', { 'if-none-match': etag })).status).toBe(304);
  });

  it('is 404 for an unknown tenant', async () => {
    expect((await jwks('fabrikam')).json()).toMatchObject({ ErrorId: 'PortalSTS0009' });
  });
});

describe('GET /{tenant}/oauth2/v1/publickey', () => {
  it("is the PEM of the tenant's signing key, the same as Power Pages' route for the default site", async () => {
    const tenant = await callHandler(
      publicKeyHandler,
      apiRequest('/contoso/oauth2/v1/publickey', { params: { site: 'contoso' } }),
    );
    const legacy = await callHandler(publicKeyHandler, apiRequest('/_services/auth/publickey'));
    expect(tenant.status).toBe(200);
    expect(tenant.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(tenant.body).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(tenant.body).toBe(legacy.body);
    expect(legacy.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers a preflight with open CORS', async () => {
    const response = await callHandler(
      publicKeyHandler,
      apiRequest('/contoso/oauth2/v1/publickey', {
        method: 'OPTIONS',
        params: { site: 'contoso' },
        headers: { origin: 'https://anywhere.example', 'access-control-request-method': 'GET' },
      }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET');
  });
});
