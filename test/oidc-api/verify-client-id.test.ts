import { beforeEach, describe, expect, it } from 'vitest';
import { tokenHandler } from '../../functions/token.js';
import { verifyHandler } from '../../functions/verify.js';
import { callHandler } from '../support/call-handler.js';
import { ADA, principalHeaders, setUpTokenSite, type TokenSite } from '../support/token-site.js';
import { apiRequest, formPost, mintOidc } from './support.js';

/**
 * A caller of verify that sends no client_id learns whose token it is from the answer: every
 * active response has token_type, client_id and aud. A site can also make client_id mandatory.
 */

let site: TokenSite;

beforeEach(async () => {
  site = await setUpTokenSite();
});

const PATH = '/contoso/oauth2/v1/verify';

function verify(form: Record<string, string>) {
  return callHandler(verifyHandler, formPost(PATH, form, { params: { site: 'contoso' } }));
}

async function powerPagesToken(query: string): Promise<string> {
  const issued = await callHandler(
    tokenHandler,
    apiRequest(`/_services/auth/token${query}`, { headers: principalHeaders(ADA) }),
  );
  expect(issued.status).toBe(200);
  return issued.body;
}

describe('verify without client_id: the answer says whose token it is', () => {
  it('ID token: token_type N_A (not an access token), client_id and aud', async () => {
    const { idToken } = await mintOidc();
    expect((await verify({ token: idToken })).json()).toMatchObject({
      active: true,
      token_type: 'N_A',
      client_id: 'demo-app',
      aud: 'demo-app',
    });
  });

  it('access token: Bearer', async () => {
    const { accessToken } = await mintOidc();
    expect((await verify({ token: accessToken })).json()).toMatchObject({
      token_type: 'Bearer',
      client_id: 'demo-app',
      aud: 'demo-app',
    });
  });

  it('Power Pages token: Bearer; one issued to no client has an empty client_id and aud', async () => {
    expect((await verify({ token: await powerPagesToken('?client_id=demo-app') })).json()).toMatchObject({
      token_type: 'Bearer',
      client_id: 'demo-app',
      aud: 'demo-app',
    });
    expect((await verify({ token: await powerPagesToken('') })).json()).toMatchObject({
      active: true,
      token_type: 'Bearer',
      client_id: '',
      aud: '',
    });
  });
});

describe('ImplicitGrantFlow/VerifyRequiresClientId', () => {
  it('True: a request without client_id is invalid_request; with it, answered as before', async () => {
    await site.table.write('contoso', 'ImplicitGrantFlow/VerifyRequiresClientId', 'True');
    const { idToken } = await mintOidc();
    const refused = await verify({ token: idToken });
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'invalid_request' });
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect((await verify({ token: idToken, client_id: 'demo-app' })).json()).toMatchObject({ active: true });
    expect((await verify({ token: idToken, client_id: 'other-app' })).body).toBe('{"active":false}');
  });

  it('unset or False: client_id stays optional', async () => {
    const { idToken } = await mintOidc();
    expect((await verify({ token: idToken })).json()).toMatchObject({ active: true });
    await site.table.write('contoso', 'ImplicitGrantFlow/VerifyRequiresClientId', 'False');
    expect((await verify({ token: idToken })).json()).toMatchObject({ active: true });
  });
});
