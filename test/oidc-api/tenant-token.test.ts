import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { jwksHandler } from '../../functions/publickey.js';
import { siteTokenHandler, tokenHandler } from '../../functions/token.js';
import { callHandler } from '../support/call-handler.js';
import { ADA, principalHeaders, setUpTokenSite, type TokenSite } from '../support/token-site.js';
import { apiRequest, BASE, formPost, ISSUER } from './support.js';

let site: TokenSite;
const signedIn = principalHeaders(ADA);

beforeEach(async () => {
  site = await setUpTokenSite();
});

const PATH = '/contoso/oauth2/v1/token';

async function keySet(tenant = 'contoso') {
  const response = await callHandler(
    jwksHandler,
    apiRequest(`/${tenant}/oauth2/v1/keys`, { params: { site: tenant } }),
  );
  return createLocalJWKSet(response.json());
}

describe('POST /{tenant}/oauth2/v1/token', () => {
  it("is Power Pages' token for the tenant with the URL issuer, validated with the JWKS", async () => {
    const response = await callHandler(
      siteTokenHandler,
      formPost(
        PATH,
        { client_id: 'demo-app', state: 's-1', nonce: 'n-1' },
        {
          params: { site: 'contoso' },
          headers: signedIn,
        },
      ),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/jwt');
    expect(response.headers.get('state')).toBe('s-1');
    expect(response.headers.get('expires_in')).toBe('900');
    const { payload, protectedHeader } = await jwtVerify(response.body, await keySet(), {
      issuer: ISSUER,
      audience: 'demo-app',
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(payload).toMatchObject({ sub: 'ada-0001', scp: 'contoso', appid: 'demo-app', nonce: 'n-1' });
    // Power Pages' customer-info entity: the user's id and name, LivePerson's neutral defaults.
    expect(payload.lp_sdes).toEqual([
      {
        type: 'ctmrinfo',
        info: {
          cstatus: null,
          ctype: null,
          customerId: 'ada-0001',
          balance: -1,
          socialId: null,
          imei: '',
          userName: 'ada@contoso.com',
          companySize: -1,
          accountName: null,
          role: null,
          lastPaymentDate: { day: 0, month: 0, year: 0 },
          registrationDate: { day: 0, month: 0, year: 0 },
        },
      },
    ]);
  });

  it("gives another tenant's user a token with that tenant's issuer and scp", async () => {
    await site.addSite('fabrikam');
    const response = await callHandler(
      siteTokenHandler,
      formPost('/fabrikam/oauth2/v1/token', {}, { params: { site: 'fabrikam' }, headers: signedIn }),
    );
    const { payload } = await jwtVerify(response.body, await keySet('fabrikam'), {
      issuer: `${BASE}/fabrikam`,
    });
    expect(payload.scp).toBe('fabrikam');
  });

  it('also answers GET, where the browser lands after signing in', async () => {
    const response = await callHandler(
      siteTokenHandler,
      apiRequest(`${PATH}?client_id=demo-app`, { params: { site: 'contoso' }, headers: signedIn }),
    );
    expect(response.status).toBe(200);
    expect(decodeProtectedHeader(response.body).typ).toBe('JWT');
  });

  it('refuses a grant type other than code and refresh_token with unsupported_grant_type, signed in or not', async () => {
    for (const headers of [signedIn, {}]) {
      const response = await callHandler(
        siteTokenHandler,
        formPost(
          PATH,
          { grant_type: 'client_credentials', client_id: 'demo-app' },
          {
            params: { site: 'contoso' },
            headers,
          },
        ),
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.json()).toEqual({
        error: 'unsupported_grant_type',
        error_description: expect.stringContaining('authorization_code or refresh_token'),
      });
    }
  });

  it('keeps the Power Pages route as it was: grant_type is an unknown parameter there, ignored', async () => {
    const response = await callHandler(
      tokenHandler,
      apiRequest('/_services/auth/token?grant_type=client_credentials', { headers: signedIn }),
    );
    expect(response.status).toBe(200);
    expect((await jwtVerify(response.body, await keySet())).payload.iss).toBe('sts.contoso.example');
  });

  it('sends an anonymous XHR to sign in and back to the tenant route', async () => {
    const response = await callHandler(
      siteTokenHandler,
      formPost(PATH, {}, { params: { site: 'contoso' }, headers: { 'X-Requested-With': 'XMLHttpRequest' } }),
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.headers.get('x-responded-json') ?? '')).toEqual({
      status: 401,
      headers: { location: '/.auth/login/aad?post_login_redirect_uri=%2Fcontoso%2Foauth2%2Fv1%2Ftoken' },
    });
  });

  it('is 404 PortalSTS0009 for an unknown tenant, 403 PortalSTS0008 with the flow off', async () => {
    const unknown = await callHandler(
      siteTokenHandler,
      formPost('/nowhere/oauth2/v1/token', {}, { params: { site: 'nowhere' }, headers: signedIn }),
    );
    expect(unknown.json()).toMatchObject({ ErrorId: 'PortalSTS0009' });
    await site.table.write('contoso', 'Connector/ImplicitGrantFlowEnabled', 'False');
    const off = await callHandler(
      siteTokenHandler,
      formPost(PATH, {}, { params: { site: 'contoso' }, headers: signedIn }),
    );
    expect(off.status).toBe(403);
    expect(off.json()).toMatchObject({ ErrorId: 'PortalSTS0008' });
  });
});
