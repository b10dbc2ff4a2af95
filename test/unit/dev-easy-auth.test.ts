import { describe, expect, it } from 'vitest';
import { principalFromForm } from '../../dev/easy-auth/login-form.js';
import { applyClientPrincipal, type DevPrincipal } from '../../dev/easy-auth/principal.js';
import { safeRedirectPath } from '../../dev/easy-auth/redirect.js';
import { SESSION_LIFETIME_SECONDS, SessionCodec } from '../../dev/easy-auth/session.js';

const ALEX: DevPrincipal = {
  userId: 'u-1',
  userDetails: 'alex@contoso.com',
  roles: [],
  authTime: 1_700_000_000,
};

const ORIGIN = 'http://localhost:7071';

describe('safeRedirectPath', () => {
  it('keeps same-origin paths with query and fragment', () => {
    expect(safeRedirectPath('/', ORIGIN)).toBe('/');
    expect(safeRedirectPath('/_services/auth/token?client_id=demo-app#x', ORIGIN)).toBe(
      '/_services/auth/token?client_id=demo-app#x',
    );
    expect(safeRedirectPath('/a/../b', ORIGIN)).toBe('/b');
  });

  // Each of these normalises to a path starting with `//`, which a browser reads as another host.
  it.each([
    '/.//evil.example',
    '/..//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '/.\\/evil.example',
    '/./\\evil.example',
  ])('collapses %j to a path on this origin', (value) => {
    const path = safeRedirectPath(value, ORIGIN);
    expect(path).toBe('/evil.example');
    expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
  });

  it.each([
    undefined,
    '',
    'relative/path',
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    'javascript:alert(1)',
    `/${'a'.repeat(4100)}`,
  ])('sends %j to /', (value) => {
    expect(safeRedirectPath(value, ORIGIN)).toBe('/');
  });
});

describe('SessionCodec', () => {
  it('round-trips a principal, and rejects other keys, tampering and expired sessions', () => {
    const codec = new SessionCodec();
    const now = Date.now();
    const cookie = codec.encode(ALEX, now);
    expect(codec.decode(cookie, now)).toEqual(ALEX);
    expect(new SessionCodec().decode(cookie, now)).toBeUndefined();
    expect(codec.decode(`${cookie}x`, now)).toBeUndefined();
    expect(codec.decode(cookie.replace(/^./, 'A'), now)).toBeUndefined();
    expect(codec.decode(cookie, now + SESSION_LIFETIME_SECONDS * 1000 + 1000)).toBeUndefined();
    expect(codec.decode('not-a-session', now)).toBeUndefined();
  });
});

describe('principalFromForm', () => {
  it('requires a user name, derives a stable id when none is given, and splits roles', () => {
    expect(principalFromForm({})).toEqual({ error: expect.stringContaining('userDetails') });
    const first = principalFromForm({ userDetails: 'Alex@contoso.com', roles: ' a, ,b ' }, 5_000);
    const again = principalFromForm({ userDetails: 'alex@contoso.com' });
    if (!('principal' in first) || !('principal' in again)) throw new Error('expected principals');
    expect(first.principal.userId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(again.principal.userId).toBe(first.principal.userId);
    expect(first.principal.roles).toEqual(['a', 'b']);
    expect(first.principal.authTime).toBe(5);
  });

  it('refuses control characters (header injection) and oversized values', () => {
    expect(principalFromForm({ userDetails: 'a\r\nX-Evil: 1' })).toHaveProperty('error');
    expect(principalFromForm({ userDetails: 'a', given_name: 'x'.repeat(300) })).toHaveProperty('error');
  });
});

describe('applyClientPrincipal', () => {
  it('removes client-sent identity headers and sends UTF-8 names as App Service does', () => {
    const headers = new Headers({
      'x-ms-client-principal-id': 'forged',
      'X-MS-TOKEN-AAD-ACCESS-TOKEN': 't',
      accept: '*/*',
    });
    applyClientPrincipal(headers, undefined);
    expect([...headers.keys()]).toEqual(['accept']);
    applyClientPrincipal(headers, { ...ALEX, userDetails: 'zoë@contoso.com' });
    expect(Buffer.from(headers.get('x-ms-client-principal-name') ?? '', 'latin1').toString('utf8')).toBe(
      'zoë@contoso.com',
    );
  });
});
