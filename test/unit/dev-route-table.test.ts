import { describe, expect, it } from 'vitest';
import { compileRoute, RouteTable } from '../../dev/route-table.js';
import { RouteTemplateError } from '../../dev/route-template.js';

const match = (template: string, path: string) => compileRoute(template, () => {}).match(path);

describe('route templates', () => {
  it('matches literal segments case-insensitively, ignoring a trailing slash', () => {
    expect(match('_services/auth/token', '/_services/auth/token')).toEqual({});
    expect(match('_services/auth/token', '/_SERVICES/Auth/TOKEN/')).toEqual({});
    expect(match('_services/auth/token', '/_services/auth')).toBeUndefined();
    expect(match('_services/auth/token', '/_services/auth/token/extra')).toBeUndefined();
  });

  it('captures parameters, decoded, and requires them unless optional', () => {
    expect(match('{tenant}/oauth2/v1/auth', '/contoso/oauth2/v1/auth')).toEqual({ tenant: 'contoso' });
    expect(match('{tenant}/oauth2/v1/auth', '/a%20b/OAuth2/v1/auth')).toEqual({ tenant: 'a b' });
    expect(match('items/{id}', '/items')).toBeUndefined();
    expect(match('items/{id?}', '/items')).toEqual({});
    expect(match('items/{id?}', '/items/7')).toEqual({ id: '7' });
    expect(match('items/{id=latest}', '/items')).toEqual({ id: 'latest' });
    expect(match('items/{id}', '/items//')).toBeUndefined();
  });

  it('applies constraints, and tolerates unknown ones', () => {
    expect(match('items/{id:int}', '/items/42')).toEqual({ id: '42' });
    expect(match('items/{id:int}', '/items/abc')).toBeUndefined();
    expect(match('items/{id:int?}', '/items')).toEqual({});
    expect(match('items/{id:int:min(10)}', '/items/9')).toBeUndefined();
    expect(match('items/{id:guid}', '/items/0f8fad5b-d9cb-469f-a165-70867728950e')).toBeDefined();
    expect(match('items/{code:regex(^[a-z]{{2}}\\d$)}', '/items/ab1')).toEqual({ code: 'ab1' });
    expect(match('items/{code:regex(^[a-z]{{2}}\\d$)}', '/items/abc1')).toBeUndefined();
    expect(match('items/{code:length(2,3)}', '/items/abcd')).toBeUndefined();
    const warnings: string[] = [];
    expect(compileRoute('items/{x:mystery}', (w) => warnings.push(w)).match('/items/anything')).toEqual({
      x: 'anything',
    });
    expect(warnings.join()).toContain('mystery');
  });

  it('matches a catch-all over the rest of the path, including nothing', () => {
    expect(match('files/{*path}', '/files/a/b/c.txt')).toEqual({ path: 'a/b/c.txt' });
    expect(match('files/{**path}', '/files/a')).toEqual({ path: 'a' });
    expect(match('files/{*path}', '/files')).toEqual({});
    expect(match('files/{*path}', '/other/a')).toBeUndefined();
  });

  it('matches complex segments such as {name}.{ext}', () => {
    expect(match('download/{name}.{ext}', '/download/report.final.pdf')).toEqual({
      name: 'report.final',
      ext: 'pdf',
    });
    expect(match('download/{name}.{ext?}', '/download/readme')).toEqual({ name: 'readme' });
    expect(match('download/{name}.{ext?}', '/download/a.b.pdf')).toEqual({ name: 'a.b', ext: 'pdf' });
    expect(match('.well-known/openid-configuration', '/.well-known/openid-configuration')).toEqual({});
  });

  it('rejects malformed templates and paths', () => {
    expect(() => compileRoute('a/{b')).toThrow(RouteTemplateError);
    expect(() => compileRoute('a/{*rest}/b')).toThrow(RouteTemplateError);
    expect(() => compileRoute('a//b')).toThrow(RouteTemplateError);
    expect(match('items/{id}', '/items/%E0%A4%A')).toBeUndefined();
  });
});

describe('RouteTable', () => {
  it('prefers literal routes over parameterised ones whatever the registration order', () => {
    const table = new RouteTable<string>();
    table.add('{*path}', ['GET'], 'catch-all');
    table.add('{tenant}/oauth2/v1/auth', ['GET'], 'tenant-auth');
    table.add('{tenant}/{action}/v1/auth', ['GET'], 'two-params');
    table.add('.well-known/openid-configuration', ['GET'], 'discovery');
    table.add('default/oauth2/v1/auth', ['GET'], 'default-auth');
    table.add('{tenant:regex(^t-)}/oauth2/v1/auth', ['GET'], 'constrained');

    expect(table.match('GET', '/.well-known/openid-configuration')?.value).toBe('discovery');
    expect(table.match('GET', '/default/oauth2/v1/auth')?.value).toBe('default-auth');
    expect(table.match('GET', '/t-1/oauth2/v1/auth')?.value).toBe('constrained');
    expect(table.match('GET', '/fabrikam/oauth2/v1/auth')).toMatchObject({
      value: 'tenant-auth',
      params: { tenant: 'fabrikam' },
    });
    expect(table.match('GET', '/fabrikam/other/v1/auth')?.value).toBe('two-params');
    expect(table.match('GET', '/anything/else')).toMatchObject({
      value: 'catch-all',
      params: { path: 'anything/else' },
    });
    expect(table.templates()[0]).toBe('.well-known/openid-configuration');
    expect(table.templates().at(-1)).toBe('{*path}');
  });

  it('matches methods case-insensitively and skips routes that do not allow the method', () => {
    const table = new RouteTable<string>();
    table.add('_services/auth/token', ['GET', 'POST'], 'token');
    table.add('{*path}', ['DELETE'], 'fallback');
    table.add('any', undefined, 'every-method');
    expect(table.match('post', '/_services/auth/token')?.value).toBe('token');
    expect(table.match('PUT', '/_services/auth/token')).toBeUndefined();
    expect(table.match('DELETE', '/_services/auth/token')?.value).toBe('fallback');
    expect(table.match('PATCH', '/any')?.value).toBe('every-method');
  });
});
