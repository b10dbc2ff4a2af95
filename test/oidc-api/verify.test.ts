import { createSecretKey } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDevCertificate } from '../../dev/dev-certificate.js';
import { tokenHandler } from '../../functions/token.js';
import { verifyHandler } from '../../functions/verify.js';
import { callHandler } from '../support/call-handler.js';
import { ADA, principalHeaders, setUpTokenSite, type TokenSite } from '../support/token-site.js';
import {
  apiRequest,
  BASE,
  currentKeys,
  forge,
  formPost,
  HOST,
  ISSUER,
  mintOidc,
  mintPowerPages,
  nowSeconds,
  signWith,
} from './support.js';

let site: TokenSite;

beforeEach(async () => {
  site = await setUpTokenSite();
});

afterEach(() => {
  vi.useRealTimers();
});

const PATH = '/contoso/oauth2/v1/verify';
const tenant = { site: 'contoso' };

function verify(token: string, form: Record<string, string> = {}) {
  return callHandler(verifyHandler, formPost(PATH, { token, ...form }, { params: tenant }));
}

async function expectInactive(token: string, form: Record<string, string> = {}) {
  const response = await verify(token, form);
  expect(response.status).toBe(200);
  expect(response.body).toBe('{"active":false}');
  expect(response.headers.get('cache-control')).toBe('no-store');
  return response;
}

describe('POST /{tenant}/oauth2/v1/verify: active tokens', () => {
  it('an ID token: its claims, client_id and username', async () => {
    const { idToken } = await mintOidc();
    const response = await verify(idToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = response.json();
    expect(body).toMatchObject({
      active: true,
      iss: ISSUER,
      sub: 'ada-0001',
      aud: 'demo-app',
      nonce: 'n-1',
      email: 'ada@contoso.com',
      client_id: 'demo-app',
      username: 'ada@contoso.com',
    });
    expect(body).toMatchObject({ token_type: 'N_A' });
  });

  it('an access token in the Authorization header: token_type Bearer, scope and client_id', async () => {
    const { accessToken } = await mintOidc();
    const response = await callHandler(
      verifyHandler,
      apiRequest(PATH, { params: tenant, headers: { authorization: `Bearer ${accessToken}` } }),
    );
    expect(response.json()).toMatchObject({
      active: true,
      token_type: 'Bearer',
      scope: 'openid profile email',
      client_id: 'demo-app',
      sub: 'ada-0001',
    });
  });

  it('a Power Pages token from /_services/auth/token (host issuer, scp = the site)', async () => {
    const issued = await callHandler(
      tokenHandler,
      apiRequest('/_services/auth/token?client_id=demo-app', { headers: principalHeaders(ADA) }),
    );
    const response = await verify(issued.body, { client_id: 'demo-app' });
    expect(response.json()).toMatchObject({
      active: true,
      iss: HOST,
      scp: 'contoso',
      appid: 'demo-app',
      client_id: 'demo-app',
      username: 'ada@contoso.com',
    });
  });

  it("the token field wins over an Authorization header, which is the caller's own credential", async () => {
    const { idToken } = await mintOidc();
    const response = await callHandler(
      verifyHandler,
      formPost(PATH, { token: idToken }, { params: tenant, headers: { authorization: 'Bearer garbage' } }),
    );
    expect(response.json()).toMatchObject({ active: true });
  });

  it('token_type_hint is ignored', async () => {
    const { idToken } = await mintOidc();
    expect((await verify(idToken, { token_type_hint: 'refresh_token' })).json()).toMatchObject({
      active: true,
    });
  });
});

describe('POST /{tenant}/oauth2/v1/verify: inactive, never an error', () => {
  const claims = () => ({
    iss: ISSUER,
    sub: 'ada-0001',
    aud: 'demo-app',
    iat: nowSeconds(),
    exp: nowSeconds() + 600,
  });

  it('alg none', async () => {
    const { active } = await currentKeys();
    await expectInactive(forge({ alg: 'none', typ: 'JWT', kid: active.kid }, claims()));
  });

  it('HS256 signed with the public key PEM as the secret (algorithm confusion)', async () => {
    const { active } = await currentKeys();
    const secret = createSecretKey(Buffer.from(active.publicKeyPem));
    await expectInactive(await signWith(secret, { alg: 'HS256', typ: 'JWT', kid: active.kid }, claims()));
  });

  it("PS256 with the site's own key", async () => {
    const { active } = await currentKeys();
    if (!active.privateKey) throw new Error('the local store gives keys in memory');
    await expectInactive(
      await signWith(active.privateKey, { alg: 'PS256', typ: 'JWT', kid: active.kid }, claims()),
    );
  });

  it('an unknown kid, signed by a certificate the service has but the site does not publish', async () => {
    const other = await createDevCertificate({ dir: site.certificatesDir, name: 'unpublished' });
    await site.table.write('contoso', 'CustomCertificates/ImplicitGrantflow', other.thumbprint);
    const foreign = (await currentKeys()).active;
    await site.table.write('contoso', 'CustomCertificates/ImplicitGrantflow', site.defaultThumbprint);
    const { idToken } = await mintOidc({}, foreign);
    await expectInactive(idToken);
  });

  it("another tenant's tokens, signed by the same deployment key", async () => {
    await site.addSite('fabrikam');
    const { idToken, accessToken } = await mintOidc({ issuer: `${BASE}/fabrikam` });
    await expectInactive(idToken);
    await expectInactive(accessToken);
    await expectInactive(await mintPowerPages({ siteId: 'fabrikam' }));
    // ...which are active at their own tenant.
    const there = await callHandler(
      verifyHandler,
      formPost('/fabrikam/oauth2/v1/verify', { token: idToken }, { params: { site: 'fabrikam' } }),
    );
    expect(there.json()).toMatchObject({ active: true, iss: `${BASE}/fabrikam` });
  });

  it('expired, on a frozen clock: active at exp + 4 s, inactive at exp + 5 s', async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    const { idToken } = await mintOidc({ lifetimeSeconds: 600 });
    const exp = (Math.floor(start / 1000) + 600) * 1000;
    vi.setSystemTime(exp + 4_000);
    expect((await verify(idToken)).json()).toMatchObject({ active: true });
    vi.setSystemTime(exp + 5_000);
    const response = await expectInactive(idToken);
    expect(response.logs.join('\n')).toContain('verify: token not active (expired)');
  });

  it('nbf in the future', async () => {
    await expectInactive(await mintPowerPages({ issuedAt: nowSeconds() + 60 }));
  });

  it('a client_id the token is not for', async () => {
    const { idToken } = await mintOidc();
    await expectInactive(idToken, { client_id: 'other-app' });
    await expectInactive(await mintPowerPages(), { client_id: 'other-app' });
  });

  it('garbage and an oversized token', async () => {
    await expectInactive('garbage');
    await expectInactive('e30.e30.');
    await expectInactive(`${'a'.repeat(9000)}.${'b'.repeat(10)}.c`);
  });

  it('logs why, never the token', async () => {
    const { idToken } = await mintOidc({ issuer: `${BASE}/fabrikam` });
    const response = await expectInactive(idToken);
    const logs = response.logs.join('\n');
    expect(logs).toContain('wrong-issuer');
    expect(logs).not.toContain(idToken.split('.')[1]);
  });
});
