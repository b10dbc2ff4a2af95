import { HttpRequest, type InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { BearerError } from '../../shared/errors/bearer-error.js';
import { asOAuthFailure, OAuthError } from '../../shared/errors/oauth-error.js';
import { ServiceError } from '../../shared/errors/service-error.js';
import { StsError } from '../../shared/errors/sts-error.js';
import { renderFailure } from '../../shared/http/endpoint.js';
import { AuthorizeError } from '../../shared/oidc/authorize/authorize-error.js';
import { RotationError } from '../../shared/settings/rotation.js';

function render(thrown: unknown, options = {}) {
  const logs: string[] = [];
  const invocation = {
    warn: (line: string) => logs.push(`warn: ${line}`),
    error: (line: string) => logs.push(`error: ${line}`),
  } as unknown as InvocationContext;
  const request = new HttpRequest({ url: 'https://sts.example/site/oauth2/v1/token', method: 'POST' });
  const response = renderFailure(thrown, request, invocation, undefined, options);
  return { response, headers: response.headers as Record<string, string>, body: String(response.body), logs };
}

describe('the error model', () => {
  it('has one base for every error class', () => {
    const errors = [
      new StsError('PortalSTS0001'),
      new OAuthError('invalid_grant', 'the code was used'),
      new BearerError('invalid_token', 'expired'),
      new AuthorizeError('login_required', 'sign in first'),
      new RotationError('is-active', 'still active'),
    ];
    for (const error of errors) expect(error).toBeInstanceOf(ServiceError);
    expect(errors.map((error) => error.name)).toEqual([
      'StsError',
      'OAuthError',
      'BearerError',
      'AuthorizeError',
      'RotationError',
    ]);
    expect(errors.map((error) => [error.exposable, error.redirectable])).toEqual([
      [true, false],
      [true, false],
      [true, false],
      [true, true],
      [false, false],
    ]);
  });

  it('gives OAuth errors the statuses of RFC 6749 unless told otherwise', () => {
    expect(new OAuthError('invalid_request', 'x').status).toBe(400);
    expect(new OAuthError('invalid_client', 'x').status).toBe(401);
    expect(new OAuthError('temporarily_unavailable', 'x').status).toBe(503);
    expect(new OAuthError('invalid_grant', 'x', { status: 418 }).status).toBe(418);
  });

  it('renders an OAuthError as never-cached JSON with only error and error_description', () => {
    const thrown = new OAuthError('invalid_client', 'client authentication failed', {
      headers: { 'WWW-Authenticate': 'Basic realm="token"' },
      detail: 'secret mismatch for client abc',
    });
    const { response, headers, body, logs } = render(thrown);
    expect(response.status).toBe(401);
    expect(JSON.parse(body)).toEqual({
      error: 'invalid_client',
      error_description: 'client authentication failed',
    });
    expect(headers['Cache-Control']).toBe('no-store');
    expect(headers['Content-Type']).toBe('application/json; charset=utf-8');
    expect(headers['WWW-Authenticate']).toBe('Basic realm="token"');
    expect(body).not.toContain('mismatch');
    expect(logs).toEqual(['warn: invalid_client status=401 detail="secret mismatch for client abc"']);
  });

  it('renders an unexpected error as PortalSTS0019, or server_error where asked, without its message', () => {
    const thrown = new Error('connect ECONNREFUSED 10.0.0.5');
    const sts = render(thrown);
    expect(sts.response.status).toBe(500);
    expect(JSON.parse(sts.body).ErrorId).toBe('PortalSTS0019');
    const oauth = render(thrown, { unexpected: 'server_error' });
    expect(oauth.response.status).toBe(500);
    expect(JSON.parse(oauth.body)).toEqual({
      error: 'server_error',
      error_description: 'the service failed',
    });
    for (const { body, logs } of [sts, oauth]) {
      expect(body).not.toContain('10.0.0.5');
      expect(logs[0]).toMatch(/^error: .*cause="Error: connect ECONNREFUSED 10\.0\.0\.5"$/);
    }
  });

  it('turns any failure into OAuth JSON for the OAuth-only requests (asOAuthFailure)', () => {
    const own = new OAuthError('invalid_grant', 'the code was used');
    expect(asOAuthFailure(own)).toBe(own);
    const repeated = asOAuthFailure(new StsError('PortalSTS0005', { detail: "parameter 'code' repeated" }));
    expect([repeated.code, repeated.status, repeated.description]).toEqual([
      'invalid_request',
      400,
      'PortalSTS0005: a parameter was sent more than once',
    ]);
    const down = asOAuthFailure(new StsError('PortalSTS0010', { headers: { 'Retry-After': '5' } }));
    expect([down.code, down.status, down.headers]).toEqual([
      'temporarily_unavailable',
      503,
      { 'Retry-After': '5' },
    ]);
    const broken = asOAuthFailure(new StsError('PortalSTS0014'));
    expect([broken.code, broken.status]).toEqual(['server_error', 500]);
    const unexpected = asOAuthFailure(new TypeError('secret internals'));
    expect([unexpected.code, unexpected.status, unexpected.description]).toEqual([
      'server_error',
      500,
      'the service failed',
    ]);
    expect(unexpected.message).not.toContain('secret internals');
  });

  it('never shows an internal error or an authorize error on a JSON endpoint', () => {
    for (const thrown of [
      new RotationError('in-grace', 'key abc in grace'),
      new AuthorizeError('access_denied', 'no'),
    ]) {
      const { body } = render(thrown);
      expect(JSON.parse(body).ErrorId).toBe('PortalSTS0019');
      expect(body).not.toMatch(/grace|access_denied/);
    }
  });

  it('redacts the detail of every failure in its log line', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    for (const thrown of [
      new StsError('PortalSTS0017', { detail: `token ${jwt}` }),
      new OAuthError('invalid_grant', 'bad code', { detail: `token ${jwt}` }),
    ]) {
      const { logs } = render(thrown);
      expect(logs).toHaveLength(1);
      expect(logs[0]).toContain('[redacted]');
      expect(logs[0]).not.toContain(jwt);
    }
  });
});
