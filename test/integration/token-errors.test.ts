import { decodeProtectedHeader } from 'jose';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createDevCertificate } from '../../dev/dev-certificate.js';
import { publicKeyHandler } from '../../functions/publickey.js';
import type { ErrorId } from '../../shared/errors/catalogue.js';
import { resetServices } from '../../shared/services.js';
import { callHandler, type HandlerResult } from '../support/call-handler.js';
import { ADA, httpRequest, principalHeaders, setUpTokenSite, type TokenSite } from '../support/token-site.js';
import { getToken, postToken, signedIn } from './token-route.js';

let site: TokenSite;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeEach(async () => {
  site = await setUpTokenSite();
});

function expectError(response: HandlerResult, id: ErrorId, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = response.json<Record<string, string>>();
  expect(Object.keys(body)).toEqual(['ErrorId', 'ErrorMessage', 'Timestamp', 'CorrelationId']);
  expect(body.ErrorId).toBe(id);
  expect(body.CorrelationId).toMatch(UUID);
  expect(response.headers.get('x-correlation-id')).toBe(body.CorrelationId);
  // The failure's log line carries the same correlation id, and never a stack trace.
  const line = response.logs.find((l) => l.includes(id));
  expect(line).toContain(`correlationId=${body.CorrelationId}`);
  expect(response.logs.join('\n')).not.toMatch(/\n\s+at /);
  expect(response.body).not.toMatch(/\bat \w+ \(|node_modules|Error:/);
}

describe('bad parameters get their documented error', () => {
  it.each<[string, string, ErrorId, number]>([
    ['an unregistered client', '?client_id=evil-app', 'PortalSTS0001', 400],
    ['a client id over 36 characters', `?client_id=${'a'.repeat(37)}`, 'PortalSTS0002', 400],
    ['a client id with wrong characters', '?client_id=demo%2Fapp', 'PortalSTS0002', 400],
    ['state over 20 characters', `?state=${'s'.repeat(21)}`, 'PortalSTS0003', 400],
    ['CR/LF in state', '?state=a%0D%0ASet-Cookie:%20x=1', 'PortalSTS0003', 400],
    ['nonce over 20 characters', `?nonce=${'n'.repeat(21)}`, 'PortalSTS0004', 400],
    ['a repeated parameter', '?state=a&state=b', 'PortalSTS0005', 400],
    ['response_type id_token', '?response_type=id_token', 'PortalSTS0007', 400],
    [
      'too many parameters',
      `?${Array.from({ length: 70 }, (_, i) => `p${i}=1`).join('&')}`,
      'PortalSTS0017',
      400,
    ],
  ])('%s', async (_name, query, id, status) => {
    const response = await getToken(query);
    expectError(response, id, status);
    expect(response.headers.has('state')).toBe(false);
    expect(response.headers.has('set-cookie')).toBe(false);
  });

  it('a JSON body on POST is 415 PortalSTS0006', async () => {
    const response = await postToken('application/json', '{"client_id":"demo-app"}');
    expectError(response, 'PortalSTS0006', 415);
  });

  it('an oversized body is 413 PortalSTS0016', async () => {
    const response = await postToken('application/x-www-form-urlencoded', `state=${'x'.repeat(20_000)}`);
    expectError(response, 'PortalSTS0016', 413);
  });
});

describe('site and configuration failures', () => {
  it('the flow turned off is 403 PortalSTS0008, while the public key is still served', async () => {
    await site.table.write('contoso', 'Connector/ImplicitGrantFlowEnabled', 'false');
    expectError(await getToken(''), 'PortalSTS0008', 403);
    const key = await callHandler(publicKeyHandler, httpRequest('/_services/auth/publickey'));
    expect(key.status).toBe(200);
    expect(key.body).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it('an unknown site is 404 PortalSTS0009 on both routes', async () => {
    vi.stubEnv('DEFAULT_SITE', 'fabrikam');
    resetServices();
    expectError(await getToken(''), 'PortalSTS0009', 404);
    expectError(
      await callHandler(publicKeyHandler, httpRequest('/_services/auth/publickey')),
      'PortalSTS0009',
      404,
    );
  });

  it('a thumbprint that matches no certificate is PortalSTS0018', async () => {
    await site.table.write('contoso', 'CustomCertificates/ImplicitGrantflow', '00'.repeat(20));
    expectError(await getToken(''), 'PortalSTS0018', 500);
  });

  it('a thumbprint setting that is not a thumbprint is PortalSTS0013', async () => {
    await site.table.write('contoso', 'CustomCertificates/ImplicitGrantflow', 'my certificate');
    expectError(await getToken(''), 'PortalSTS0013', 500);
  });

  it('a pasted thumbprint (colons, lower case, U+200E) selects that certificate', async () => {
    const second = await createDevCertificate({ dir: site.certificatesDir, name: 'second', keyType: 'ec' });
    const pasted = `\u200e${second.thumbprint.toLowerCase().match(/../g)?.join(':')}`;
    await site.table.write('contoso', 'CustomCertificates/ImplicitGrantflow', pasted);
    const response = await getToken('');
    expect(response.status).toBe(200);
    expect(decodeProtectedHeader(response.body)).toMatchObject({
      alg: 'ES256',
      kid: Buffer.from(second.thumbprint, 'hex').toString('base64url'),
    });
  });

  it('a missing app setting is PortalSTS0012, naming the setting in the log only', async () => {
    vi.stubEnv('DEFAULT_SITE', '');
    resetServices();
    const response = await getToken('');
    expectError(response, 'PortalSTS0012', 500);
    expect(response.logs.join('\n')).toContain('DEFAULT_SITE');
    expect(response.body).not.toContain('DEFAULT_SITE');
  });
});

describe('localised messages', () => {
  it('follow Accept-Language', async () => {
    const response = await getToken('?client_id=evil-app', {
      ...signedIn,
      'accept-language': 'de-DE,de;q=0.9,en;q=0.5',
    });
    expect(response.json<Record<string, string>>().ErrorMessage).toMatch(/Client-ID|Client Id|Client-Id/i);
    expect(response.json<Record<string, string>>().ErrorMessage).not.toContain('Please check');
  });

  it("prefer the user's locale claim over Accept-Language", async () => {
    const french = principalHeaders({ ...ADA, claims: [['locale', 'fr-FR']] });
    const response = await getToken('?response_type=code', { ...french, 'accept-language': 'de' });
    const english = await getToken('?response_type=code', signedIn);
    const message = response.json<Record<string, string>>().ErrorMessage;
    expect(message).not.toBe(english.json<Record<string, string>>().ErrorMessage);
    expect(message).toMatch(/réponse|pris en charge/);
  });
});

describe('logs', () => {
  it('never contain the issued token', async () => {
    const response = await getToken('?client_id=demo-app');
    expect(response.status).toBe(200);
    expect(response.logs.join('\n')).not.toContain(response.body);
  });
});
