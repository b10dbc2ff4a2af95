import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInUser } from '../../shared/user/signed-in-user.js';
import { SITE_ID, type TestDevHost } from '../support/dev-host.js';
import { principalHeaders } from '../support/token-site.js';
import { ALEX, signedInBrowser, startOidcDevHost } from './dev-host-support.js';
import { mintOidc, signedInUser } from './support.js';

/**
 * The OpenID Provider's API over HTTP through the dev host, used as relying parties and APIs use
 * it: discovery, then the JWKS through jose's createRemoteJWKSet, for every kind of token.
 */

let dev: TestDevHost;
let issuer: string;

beforeAll(async () => {
  dev = await startOidcDevHost();
  issuer = `${dev.url}/${SITE_ID}`;
});

afterAll(async () => {
  await dev?.close();
});

const XHR = { 'X-Requested-With': 'XMLHttpRequest' };

function alex(): SignedInUser {
  return signedInUser({
    id: ALEX.userId,
    name: ALEX.userDetails,
    claims: [
      ['email', ALEX.email],
      ['given_name', ALEX.given_name],
      ['family_name', ALEX.family_name],
    ],
  });
}

async function metadata() {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, string>;
}

describe('discovery and JWKS over HTTP', () => {
  it('openid-client discovers the provider at its issuer (Discovery 1.0: issuer = the URL prefix)', async () => {
    const config = await client.discovery(new URL(issuer), 'demo-app', undefined, undefined, {
      execute: [client.allowInsecureRequests],
    });
    const server = config.serverMetadata();
    expect(server.issuer).toBe(issuer);
    expect(server.jwks_uri).toBe(`${issuer}/oauth2/v1/keys`);
    expect(server.response_types_supported).toContain('id_token token');
  });

  it('the root document is the default site', async () => {
    const root = await (await fetch(`${dev.url}/.well-known/openid-configuration`)).json();
    expect(root).toEqual(await metadata());
  });

  it('createRemoteJWKSet validates ID tokens, access tokens and both kinds of Power Pages tokens', async () => {
    const { jwks_uri } = await metadata();
    const jwks = createRemoteJWKSet(new URL(jwks_uri ?? ''));
    const { idToken, accessToken } = await mintOidc({ issuer, user: alex() });
    const id = await jwtVerify(idToken, jwks, { issuer, audience: 'demo-app' });
    expect(id.payload).toMatchObject({ sub: ALEX.userId, nonce: 'n-1', email: ALEX.email });
    const access = await jwtVerify(accessToken, jwks, { issuer, audience: 'demo-app', typ: 'at+jwt' });
    expect(access.payload).toMatchObject({ client_id: 'demo-app', scope: 'openid profile email' });

    const browser = await signedInBrowser(dev.url);
    const legacy = await browser.fetch('/_services/auth/token?client_id=demo-app', { headers: XHR });
    const powerPages = await jwtVerify(await legacy.text(), jwks, {
      issuer: new URL(dev.url).host,
      audience: 'demo-app',
    });
    expect(powerPages.payload).toMatchObject({ sub: ALEX.userId, scp: SITE_ID });

    const tenant = await browser.fetch(`/${SITE_ID}/oauth2/v1/token`, {
      method: 'POST',
      headers: { ...XHR, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'client_id=demo-app',
    });
    expect(tenant.status).toBe(200);
    const tenantToken = await jwtVerify(await tenant.text(), jwks, { issuer, audience: 'demo-app' });
    expect(tenantToken.payload).toMatchObject({ sub: ALEX.userId, scp: SITE_ID });
    expect(tenantToken.protectedHeader.kid).toBe(decodeProtectedHeader(idToken).kid);
  });
});

describe('verify and userinfo over HTTP', () => {
  it('verify: Bearer header and form field; a bad token is {"active":false}', async () => {
    const { accessToken, idToken } = await mintOidc({ issuer, user: alex() });
    const byHeader = await fetch(`${issuer}/oauth2/v1/verify`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(await byHeader.json()).toMatchObject({ active: true, token_type: 'Bearer', sub: ALEX.userId });
    const byForm = await fetch(`${issuer}/oauth2/v1/verify`, {
      method: 'POST',
      body: new URLSearchParams({ token: idToken, client_id: 'other-app' }),
    });
    expect(await byForm.json()).toEqual({ active: false });
  });

  it("userinfo: sub for an API; the user's claims for the signed-in browser", async () => {
    const { accessToken } = await mintOidc({ issuer, user: alex() });
    const api = await fetch(`${issuer}/oauth2/v1/userinfo`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(await api.json()).toEqual({ sub: ALEX.userId });

    const browser = await signedInBrowser(dev.url);
    const withSession = await browser.fetch(`/${SITE_ID}/oauth2/v1/userinfo`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(await withSession.json()).toMatchObject({
      sub: ALEX.userId,
      email: ALEX.email,
      given_name: ALEX.given_name,
      name: `${ALEX.given_name} ${ALEX.family_name}`,
    });
  });

  it('the dev host strips client-sent principal headers: a forged session adds nothing', async () => {
    const { accessToken } = await mintOidc({ issuer, user: alex() });
    const forged = principalHeaders({
      id: ALEX.userId,
      name: 'x',
      claims: [['email', 'forged@example.com']],
    });
    const response = await fetch(`${issuer}/oauth2/v1/userinfo`, {
      headers: { ...forged, authorization: `Bearer ${accessToken}` },
    });
    expect(await response.json()).toEqual({ sub: ALEX.userId });
  });

  it('userinfo without a token is 401 Bearer', async () => {
    const response = await fetch(`${issuer}/oauth2/v1/userinfo`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('CORS over HTTP', () => {
  it("a preflight from the demo page's origin is granted with credentials; another origin is not", async () => {
    const preflight = (origin: string) =>
      fetch(`${issuer}/oauth2/v1/token`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'x-requested-with',
        },
      });
    const allowed = await preflight(new URL(dev.url).origin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(new URL(dev.url).origin);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('X-Requested-With');
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(204);
    expect(refused.headers.has('access-control-allow-origin')).toBe(false);
  });

  it('discovery and JWKS are open to every origin', async () => {
    for (const path of ['/.well-known/openid-configuration', '/oauth2/v1/keys']) {
      const response = await fetch(`${issuer}${path}`, { headers: { origin: 'https://anywhere.example' } });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
  });
});
