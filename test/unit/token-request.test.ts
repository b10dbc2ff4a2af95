import { describe, expect, it } from 'vitest';
import type { ErrorId } from '../../shared/errors/catalogue.js';
import { StsError } from '../../shared/errors/sts-error.js';
import { checkFlowEnabled, checkTokenRequest } from '../../shared/power-pages/token-request.js';
import { parsedSite } from '../support/parsed-site.js';

const site = parsedSite({ 'ImplicitGrantFlow/RegisteredClientId': 'demo-app;x' });

function errorOf(fn: () => unknown): ErrorId | 'none' {
  try {
    fn();
    return 'none';
  } catch (error) {
    if (error instanceof StsError) return error.id;
    throw error;
  }
}

const check = (params: Record<string, string>) => () =>
  checkTokenRequest(new Map(Object.entries(params)), site);

describe('checkTokenRequest', () => {
  it('accepts a request with no parameters', () => {
    expect(checkTokenRequest(new Map(), site)).toEqual({
      clientId: undefined,
      state: undefined,
      nonce: undefined,
    });
  });

  it('accepts registered clients, state and nonce at their limits', () => {
    const request = checkTokenRequest(
      new Map([
        ['client_id', 'demo-app'],
        ['state', 's'.repeat(20)],
        ['nonce', 'n'.repeat(20)],
        ['response_type', 'token'],
      ]),
      site,
    );
    expect(request).toEqual({ clientId: 'demo-app', state: 's'.repeat(20), nonce: 'n'.repeat(20) });
  });

  it.each<[string, Record<string, string>, ErrorId]>([
    ['an unregistered client', { client_id: 'other-app' }, 'PortalSTS0001'],
    ['a client id differing in case', { client_id: 'DEMO-APP' }, 'PortalSTS0001'],
    ['a client id over 36 characters', { client_id: 'a'.repeat(37) }, 'PortalSTS0002'],
    ['a client id with wrong characters', { client_id: 'demo_app' }, 'PortalSTS0002'],
    ['a client id with a space', { client_id: 'demo app' }, 'PortalSTS0002'],
    ['state over 20 characters', { state: 's'.repeat(21) }, 'PortalSTS0003'],
    ['CR/LF in state', { state: 'a\r\nSet-Cookie: x=1' }, 'PortalSTS0003'],
    ['a tab in state', { state: 'a\tb' }, 'PortalSTS0003'],
    ['non-ASCII in state', { state: 'caf\u00e9' }, 'PortalSTS0003'],
    ['a trailing space in state (HTTP would strip it from the echo)', { state: 'abc ' }, 'PortalSTS0003'],
    ['a leading space in nonce', { nonce: ' abc' }, 'PortalSTS0004'],
    ['nonce over 20 characters', { nonce: 'n'.repeat(21) }, 'PortalSTS0004'],
    ['a NUL in nonce', { nonce: 'a\u0000' }, 'PortalSTS0004'],
    ['response_type id_token', { response_type: 'id_token' }, 'PortalSTS0007'],
    ['response_type code', { response_type: 'code' }, 'PortalSTS0007'],
  ])('rejects %s', (_name, params, expected) => {
    expect(errorOf(check(params))).toBe(expected);
  });

  it('accepts spaces inside state and nonce', () => {
    expect(
      checkTokenRequest(
        new Map([
          ['state', 'a b'],
          ['nonce', 'x y z'],
        ]),
        site,
      ),
    ).toMatchObject({
      state: 'a b',
      nonce: 'x y z',
    });
  });

  it('checks the response type before the client', () => {
    expect(errorOf(check({ response_type: 'code', client_id: 'nope' }))).toBe('PortalSTS0007');
  });
});

describe('checkFlowEnabled', () => {
  it('refuses with PortalSTS0008 (403) when the flow is off', () => {
    const off = parsedSite({ 'Connector/ImplicitGrantFlowEnabled': 'False' }, { siteId: 's' });
    expect(errorOf(() => checkFlowEnabled(off))).toBe('PortalSTS0008');
    expect(errorOf(() => checkFlowEnabled(site))).toBe('none');
  });
});
