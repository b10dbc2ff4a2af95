import { importSPKI, jwtVerify } from 'jose';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { publicKeyHandler } from '../../functions/publickey.js';
import { resetServices } from '../../shared/services.js';
import { callHandler } from '../support/call-handler.js';
import { httpRequest, setUpTokenSite, type TokenSite } from '../support/token-site.js';
import { getToken, postToken } from './token-route.js';

let site: TokenSite;

beforeEach(async () => {
  site = await setUpTokenSite();
});

async function publicKey() {
  const response = await callHandler(publicKeyHandler, httpRequest('/_services/auth/publickey'));
  expect(response.status).toBe(200);
  return response.body;
}

describe('GET /_services/auth/token, signed in', () => {
  it('returns a JWT that validates against /_services/auth/publickey, with Power Pages claims', async () => {
    const response = await getToken('?client_id=demo-app&state=abc123&nonce=n-42&response_type=token');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/jwt');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('state')).toBe('abc123');
    expect(response.headers.get('expires_in')).toBe('900');

    const key = await importSPKI(await publicKey(), 'RS256');
    const { payload, protectedHeader } = await jwtVerify(response.body, key, {
      issuer: 'sts.contoso.example',
      audience: 'demo-app',
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(protectedHeader.kid).toBe(Buffer.from(site.defaultThumbprint, 'hex').toString('base64url'));
    expect(payload).toMatchObject({
      sub: 'ada-0001',
      preferred_username: 'ada@contoso.com',
      email: 'ada@contoso.com',
      given_name: 'Ada',
      family_name: 'Lovelace',
      phone_number: '+44 20 7946 0000',
      appid: 'demo-app',
      scp: 'contoso',
      nonce: 'n-42',
    });
    expect(payload.nbf).toBe(payload.iat);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(900);
    expect(payload.lp_sdes).toEqual([
      expect.objectContaining({
        type: 'ctmrinfo',
        info: expect.objectContaining({ customerId: 'ada-0001', userName: 'ada@contoso.com' }),
      }),
    ]);
  });

  it('reads parameters from a POST form body', async () => {
    const response = await postToken('application/x-www-form-urlencoded', 'client_id=other-app&state=s1');
    expect(response.status).toBe(200);
    expect(response.headers.get('state')).toBe('s1');
    const { payload } = await jwtVerify(response.body, await importSPKI(await publicKey(), 'RS256'));
    expect(payload.aud).toBe('other-app');
  });

  it('issues aud and appid as "" without a client id, and no state header without state', async () => {
    const response = await getToken('');
    expect(response.status).toBe(200);
    expect(response.headers.has('state')).toBe(false);
    const { payload } = await jwtVerify(response.body, await importSPKI(await publicKey(), 'RS256'));
    expect(payload).toMatchObject({ aud: '', appid: '' });
    expect('nonce' in payload).toBe(false);
  });

  it('clamps the lifetime setting and keeps expires_in equal to exp - iat', async () => {
    await site.table.write('contoso', 'ImplicitGrantFlow/TokenExpirationTime', '30');
    const response = await getToken('');
    expect(response.headers.get('expires_in')).toBe('60');
    const { payload } = await jwtVerify(response.body, await importSPKI(await publicKey(), 'RS256'));
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
  });
});

describe('anonymous callers', () => {
  it('get the 401 envelope on XHR, as Power Pages client script expects', async () => {
    const response = await getToken('?client_id=demo-app', { 'X-Requested-With': 'XMLHttpRequest' });
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
    expect(JSON.parse(response.headers.get('x-responded-json') ?? '')).toEqual({
      status: 401,
      headers: {
        location:
          '/.auth/login/aad?post_login_redirect_uri=%2F_services%2Fauth%2Ftoken%3Fclient_id%3Ddemo-app',
      },
    });
  });

  it('are redirected to sign in on a navigation', async () => {
    const response = await getToken('?state=x', {});
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(
      '/.auth/login/aad?post_login_redirect_uri=%2F_services%2Fauth%2Ftoken%3Fstate%3Dx',
    );
  });

  it('cannot sign in by sending principal headers when Easy Auth is off', async () => {
    vi.stubEnv('WEBSITE_AUTH_ENABLED', '');
    resetServices();
    const response = await getToken('');
    expect(response.status).toBe(302);
  });
});
