import { describe, expect, it } from 'vitest';
import { RouteTable, RouteTemplateError } from '../../dev/route-table.js';

function match(template: string, path: string) {
  const table = new RouteTable<string>();
  table.add(template, undefined, template);
  return table.match('GET', path)?.params;
}

describe('route templates', () => {
  it('matches literal segments case-insensitively, ignoring a trailing slash', () => {
    expect(match('_services/auth/token', '/_services/auth/token')).toEqual({});
    expect(match('_services/auth/token', '/_SERVICES/Auth/TOKEN/')).toEqual({});
    expect(match('_services/auth/token', '/_services/auth')).toBeUndefined();
    expect(match('_services/auth/token', '/_services/auth/token/extra')).toBeUndefined();
    expect(match('.well-known/openid-configuration', '/.well-known/openid-configuration')).toEqual({});
  });

  it('captures {name} parameters, decoded, and requires a value', () => {
    expect(match('{site}/oauth2/v1/auth', '/contoso/oauth2/v1/auth')).toEqual({ site: 'contoso' });
    expect(match('{site}/oauth2/v1/auth', '/a%20b/OAuth2/v1/auth')).toEqual({ site: 'a b' });
    expect(match('items/{id}', '/items')).toBeUndefined();
    expect(match('items/{id}', '/items//')).toBeUndefined();
    expect(match('items/{id}', '/items/%E0%A4%A')).toBeUndefined();
  });

  it.each([
    'items/{id?}',
    'items/{id=latest}',
    'items/{id:int}',
    'files/{*path}',
    'files/{**path}',
    'download/{name}.{ext}',
    'a/{b',
    'a/b}',
    'a//b',
  ])('refuses %j, naming the template', (template) => {
    const table = new RouteTable<string>();
    expect(() => table.add(template, undefined, 'x')).toThrow(RouteTemplateError);
    expect(() => table.add(template, undefined, 'x')).toThrow(`route template "${template}"`);
  });
});

describe('RouteTable', () => {
  it('prefers literal segments over parameters whatever the registration order', () => {
    const table = new RouteTable<string>();
    table.add('{site}/{action}/v1/auth', ['GET'], 'two-params');
    table.add('{site}/oauth2/v1/auth', ['GET'], 'site-auth');
    table.add('.well-known/openid-configuration', ['GET'], 'discovery');
    table.add('default/oauth2/v1/auth', ['GET'], 'default-auth');

    expect(table.match('GET', '/.well-known/openid-configuration')?.value).toBe('discovery');
    expect(table.match('GET', '/default/oauth2/v1/auth')?.value).toBe('default-auth');
    expect(table.match('GET', '/fabrikam/oauth2/v1/auth')).toEqual({
      value: 'site-auth',
      params: { site: 'fabrikam' },
      template: '{site}/oauth2/v1/auth',
    });
    expect(table.match('GET', '/fabrikam/other/v1/auth')).toEqual({
      value: 'two-params',
      params: { site: 'fabrikam', action: 'other' },
      template: '{site}/{action}/v1/auth',
    });
    expect(table.templates()).toEqual([
      '.well-known/openid-configuration',
      'default/oauth2/v1/auth',
      '{site}/oauth2/v1/auth',
      '{site}/{action}/v1/auth',
    ]);
  });

  it('matches methods case-insensitively and skips routes that do not allow the method', () => {
    const table = new RouteTable<string>();
    table.add('_services/auth/token', ['GET', 'POST'], 'token');
    table.add('{a}/{b}/{c}', ['DELETE'], 'fallback');
    table.add('any', undefined, 'every-method');
    expect(table.match('post', '/_services/auth/token')?.value).toBe('token');
    expect(table.match('PUT', '/_services/auth/token')).toBeUndefined();
    expect(table.match('DELETE', '/_services/auth/token')?.value).toBe('fallback');
    expect(table.match('PATCH', '/any')?.value).toBe('every-method');
  });
});
