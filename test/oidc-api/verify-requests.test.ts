import { beforeEach, describe, expect, it } from 'vitest';
import { verifyHandler } from '../../functions/verify.js';
import { callHandler } from '../support/call-handler.js';
import { setUpTokenSite } from '../support/token-site.js';
import { apiRequest, formPost, mintOidc } from './support.js';

beforeEach(async () => {
  await setUpTokenSite();
});

const PATH = '/contoso/oauth2/v1/verify';
const tenant = { site: 'contoso' };

describe('POST /{tenant}/oauth2/v1/verify: malformed requests', () => {
  it('no token at all is 400 PortalSTS0017', async () => {
    const response = await callHandler(verifyHandler, formPost(PATH, {}, { params: tenant }));
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ ErrorId: 'PortalSTS0017' });
    const get = await callHandler(verifyHandler, apiRequest(PATH, { params: tenant }));
    expect(get.json()).toMatchObject({ ErrorId: 'PortalSTS0017' });
  });

  it('a token in the query string is 400 PortalSTS0017 (URLs are logged)', async () => {
    const { idToken } = await mintOidc();
    const response = await callHandler(
      verifyHandler,
      apiRequest(`${PATH}?token=${idToken}`, { params: tenant }),
    );
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ ErrorId: 'PortalSTS0017' });
  });

  // [what, status, error id, content type, body]: the title takes the first three.
  it.each([
    [
      'a repeated parameter',
      400,
      'PortalSTS0005',
      'application/x-www-form-urlencoded',
      'token=a.b.c&token=d.e.f',
    ],
    ['a JSON body', 415, 'PortalSTS0006', 'application/json', '{"token":"a.b.c"}'],
  ] as const)('%s is %i %s', async (_what, status, errorId, contentType, body) => {
    const request = apiRequest(PATH, {
      method: 'POST',
      params: tenant,
      headers: { 'content-type': contentType },
      body,
    });
    const response = await callHandler(verifyHandler, request);
    expect(response.status).toBe(status);
    expect(response.json()).toMatchObject({ ErrorId: errorId });
  });

  it('an unknown tenant is 404 PortalSTS0009', async () => {
    const { idToken } = await mintOidc();
    const response = await callHandler(
      verifyHandler,
      formPost('/nowhere/oauth2/v1/verify', { token: idToken }, { params: { site: 'nowhere' } }),
    );
    expect(response.status).toBe(404);
    expect(response.json()).toMatchObject({ ErrorId: 'PortalSTS0009' });
  });
});
