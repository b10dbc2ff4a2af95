import { rm } from 'node:fs/promises';
import functions from '@azure/functions';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { authorizeHandler, powerPagesAuthorizeHandler } from '../../functions/authorize.js';
import { resetServices } from '../../shared/services.js';
import { callHandler } from '../support/call-handler.js';
import { azuriteConnectionString } from '../support/settings-fixture.js';
import { ADA, principalHeaders, setUpTokenSite, type TokenSite } from '../support/token-site.js';

/**
 * Server faults, at handler level against Azurite and the local certificate store. After the
 * redirect URI is verified, a fault goes back to the client as server_error or
 * temporarily_unavailable with a correlation id, never a stack or internal detail; before it, the
 * user gets a page. No token or key ever reaches a log line.
 */

let site: TokenSite;
const REDIRECT = 'http://localhost:7071/';
const signedIn = principalHeaders({ ...ADA, claims: [...(ADA.claims ?? []), ['auth_time', '1795000000']] });

beforeEach(async () => {
  site = await setUpTokenSite();
});

function authorizeRequest(query: Record<string, string>, tenant = 'contoso') {
  return new functions.HttpRequest({
    method: 'GET',
    url: `https://sts.contoso.example/${tenant}/oauth2/v1/auth?${new URLSearchParams(query)}`,
    headers: signedIn,
    params: { site: tenant },
  });
}

const OIDC = {
  client_id: 'demo-app',
  redirect_uri: REDIRECT,
  response_type: 'id_token token',
  scope: 'openid',
  nonce: 'n-1',
  state: 's-1',
};

function fragmentOf(location: string | null) {
  return new URLSearchParams(new URL(location ?? '').hash.slice(1));
}

describe('faults after the redirect URI is verified', () => {
  it('the certificate store down: temporarily_unavailable with state, iss and a correlation id', async () => {
    await rm(site.certificatesDir, { recursive: true, force: true });
    const response = await callHandler(authorizeHandler, authorizeRequest(OIDC));
    expect(response.status).toBe(302);
    const fragment = fragmentOf(response.headers.get('location'));
    const correlationId = response.headers.get('x-correlation-id') ?? '';
    expect(fragment.get('error')).toBe('temporarily_unavailable');
    expect(fragment.get('state')).toBe('s-1');
    expect(fragment.get('iss')).toBe('https://sts.contoso.example/contoso');
    expect(fragment.get('error_description')).toContain(correlationId);
    expect(fragment.get('error_description')).not.toMatch(/folder|ENOENT|certificat|\//i);
    expect(response.logs).toHaveLength(1);
    expect(response.logs[0]).toMatch(/^error: authorize error=temporarily_unavailable id=PortalSTS0011 /);
    expect(response.logs[0]).toContain(`correlationId=${correlationId}`);
    expect(response.logs[0]).not.toMatch(/\n\s+at /);
  });

  it('no certificate for the configured thumbprint: server_error', async () => {
    await site.table.write('contoso', 'CustomCertificates/ImplicitGrantflow', 'AB'.repeat(20));
    const response = await callHandler(authorizeHandler, authorizeRequest(OIDC));
    expect(fragmentOf(response.headers.get('location')).get('error')).toBe('server_error');
    expect(response.logs[0]).toContain('id=PortalSTS0018');
  });

  it('the Power Pages endpoint answers the same way', async () => {
    await rm(site.certificatesDir, { recursive: true, force: true });
    const request = new functions.HttpRequest({
      method: 'GET',
      url: `https://sts.contoso.example/_services/auth/authorize?client_id=demo-app&redirect_uri=${encodeURIComponent(REDIRECT)}&state=pp`,
      headers: signedIn,
    });
    const response = await callHandler(powerPagesAuthorizeHandler, request);
    const fragment = fragmentOf(response.headers.get('location'));
    expect(fragment.get('error')).toBe('temporarily_unavailable');
    expect(fragment.get('state')).toBe('pp');
    expect(fragment.has('iss')).toBe(false);
  });
});

describe('faults before it', () => {
  it('the settings store down: a 503 page with Retry-After, no redirect', async () => {
    const unreachable = azuriteConnectionString().replace(
      /TableEndpoint=http:\/\/[^/;]+/,
      'TableEndpoint=http://127.0.0.1:1',
    );
    vi.stubEnv('SITE_SETTINGS_CONNECTION_STRING', unreachable);
    resetServices();
    const response = await callHandler(authorizeHandler, authorizeRequest(OIDC));
    expect(response.status).toBe(503);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('PortalSTS0010');
    expect(response.body).toContain(response.headers.get('x-correlation-id') ?? '-');
  });

  it('a misconfigured service: a 500 page', async () => {
    vi.stubEnv('DEFAULT_SITE', '');
    resetServices();
    const response = await callHandler(authorizeHandler, authorizeRequest(OIDC));
    expect(response.status).toBe(500);
    expect(response.body).toContain('PortalSTS0012');
  });
});

describe('log lines', () => {
  it('carry no token, state or redirect URI parameters on success or failure', async () => {
    const success = await callHandler(
      authorizeHandler,
      authorizeRequest({ ...OIDC, state: 'secret-state-value' }),
    );
    expect(success.status).toBe(302);
    expect(success.logs).toEqual([]);

    const failure = await callHandler(
      authorizeHandler,
      authorizeRequest({
        ...OIDC,
        state: 'secret-state-value',
        nonce: '',
        request: 'eyJhbGciOiJub25lIn0.e30.',
      }),
    );
    expect(fragmentOf(failure.headers.get('location')).get('error')).toBe('request_not_supported');
    const logs = failure.logs.join('\n');
    expect(logs).not.toContain('secret-state-value');
    expect(logs).not.toContain('eyJ');
  });

  it('a refused redirect URI is logged redacted: a token in it never reaches the log', async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const response = await callHandler(
      authorizeHandler,
      authorizeRequest({ ...OIDC, redirect_uri: `https://evil.example/cb?access_token=${token}` }),
    );
    expect(response.status).toBe(400);
    expect(response.logs.join('\n')).not.toContain(token);
    expect(response.logs.join('\n')).toContain('PortalSTS0020');
  });
});
