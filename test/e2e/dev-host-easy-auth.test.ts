import { describe, expect, it } from 'vitest';
import { CookieJarClient } from '../support/dev-host.js';
import { decodePrincipal, echo, fixtureDevHostForFile } from './dev-host-fixture.js';

const dev = fixtureDevHostForFile();

describe('Easy Auth emulation', () => {
  it('strips X-MS-CLIENT-PRINCIPAL* and X-MS-TOKEN-* headers sent by an anonymous client', async () => {
    const forged = Buffer.from(
      JSON.stringify({ claims: [{ typ: 'email', val: 'admin@contoso.com' }] }),
    ).toString('base64');
    const body = await echo(new CookieJarClient(dev().url), '/fixture/echo/1', {
      headers: {
        'X-MS-CLIENT-PRINCIPAL': forged,
        'X-MS-CLIENT-PRINCIPAL-ID': 'admin',
        'x-ms-client-principal-name': 'admin@contoso.com',
        'X-MS-CLIENT-PRINCIPAL-IDP': 'aad',
        'X-MS-TOKEN-AAD-ID-TOKEN': 'forged',
      },
    });
    expect(Object.keys(body.headers).filter((name) => name.startsWith('x-ms-'))).toEqual([]);
    expect(body.user).toBeNull();
  });

  it('signs in through the form: a signed HttpOnly SameSite=Lax cookie, then the platform principal headers', async () => {
    const client = new CookieJarClient(dev().url);
    const before = Math.floor(Date.now() / 1000);
    const signIn = await client.signIn({
      userId: 'b5e1c0de-0000-4000-8000-000000000001',
      userDetails: 'alex@contoso.com',
      email: 'alex@contoso.com',
      given_name: 'Alex',
      family_name: 'Wilber',
      phone_number: '+1 425 555 0100',
      locale: 'fr-FR',
      roles: 'Administrators, Authenticated Users',
      post_login_redirect_uri: '/fixture/echo/5?x=1',
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/fixture/echo/5?x=1');
    const [cookie] = signIn.headers.getSetCookie();
    expect(cookie).toMatch(/^AppServiceAuthSession=[\w-]+\.[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');

    const body = await echo(client, '/fixture/echo/5', {
      headers: { 'X-MS-CLIENT-PRINCIPAL-ID': 'spoofed' },
    });
    expect(body.headers['x-ms-client-principal-id']).toBe('b5e1c0de-0000-4000-8000-000000000001');
    expect(body.headers['x-ms-client-principal-name']).toBe('alex@contoso.com');
    expect(body.headers['x-ms-client-principal-idp']).toBe('dev');
    expect(body.user).toMatchObject({
      type: 'AppService',
      username: 'alex@contoso.com',
      identityProvider: 'dev',
    });
    const principal = decodePrincipal(body.headers['x-ms-client-principal']);
    expect(principal).toMatchObject({
      auth_typ: 'dev',
      name_typ: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
      role_typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
    });
    const claim = (typ: string) => principal.claims.filter((c) => c.typ === typ).map((c) => c.val);
    expect(claim('email')).toEqual(['alex@contoso.com']);
    expect(claim('given_name')).toEqual(['Alex']);
    expect(claim('family_name')).toEqual(['Wilber']);
    expect(claim('phone_number')).toEqual(['+1 425 555 0100']);
    expect(claim('locale')).toEqual(['fr-FR']);
    expect(claim(principal.name_typ)).toEqual(['alex@contoso.com']);
    expect(claim(principal.role_typ)).toEqual(['Administrators', 'Authenticated Users']);
    const authTime = Number(claim('auth_time')[0]);
    expect(authTime).toBeGreaterThanOrEqual(before);
    expect(authTime).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
  });

  it('reports the user at /.auth/me in the App Service shape, and [] when signed out', async () => {
    const client = new CookieJarClient(dev().url);
    expect(await (await client.fetch('/.auth/me')).json()).toEqual([]);
    await client.signIn({ userDetails: 'megan@contoso.com', email: 'megan@contoso.com' });
    const me = (await (await client.fetch('/.auth/me')).json()) as Record<string, unknown>[];
    expect(me).toHaveLength(1);
    expect(me[0]).toMatchObject({ provider_name: 'dev', user_id: 'megan@contoso.com' });
    expect(me[0]?.user_claims).toEqual(expect.arrayContaining([{ typ: 'email', val: 'megan@contoso.com' }]));
  });

  it('signs out: clears the cookie and redirects to post_logout_redirect_uri', async () => {
    const client = new CookieJarClient(dev().url);
    await client.signIn({ userDetails: 'lee@contoso.com' });
    const logout = await client.fetch('/.auth/logout?post_logout_redirect_uri=/fixture/items/latest');
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe('/fixture/items/latest');
    expect(logout.headers.getSetCookie()[0]).toMatch(/^AppServiceAuthSession=;.*Max-Age=0/);
    expect(await (await client.fetch('/.auth/me')).json()).toEqual([]);
    const offsite = await client.fetch('/.auth/logout?post_logout_redirect_uri=https://evil.example/');
    expect(offsite.headers.get('location')).toBe('/');
  });

  // Each normalises (as a browser resolves it) to a path starting with `//`: another host.
  it.each(['/.//evil.example', '/..//evil.example', '/%2e//evil.example', '/.\\/evil.example'])(
    'keeps %j on this origin at sign-out, at sign-in and in the sign-in form',
    async (target) => {
      const client = new CookieJarClient(dev().url);
      const sameOrigin = (location: string | null) => new URL(location ?? '', dev().url).origin === dev().url;
      await client.signIn({ userDetails: 'lee@contoso.com' });
      const logout = await client.fetch(
        `/.auth/logout?post_logout_redirect_uri=${encodeURIComponent(target)}`,
      );
      expect(logout.status).toBe(302);
      expect(logout.headers.get('location')).toBe('/evil.example');
      expect(sameOrigin(logout.headers.get('location'))).toBe(true);
      expect(client.cookies.has('AppServiceAuthSession')).toBe(false);
      const signIn = await client.signIn({ userDetails: 'lee@contoso.com', post_login_redirect_uri: target });
      expect(signIn.headers.get('location')).toBe('/evil.example');
      const form = await client.fetch(
        `/.auth/login/dev?post_login_redirect_uri=${encodeURIComponent(target)}`,
      );
      expect(await form.text()).toContain('name="post_login_redirect_uri" value="/evil.example"');
    },
  );

  it('ignores a tampered session cookie', async () => {
    const client = new CookieJarClient(dev().url);
    await client.signIn({ userDetails: 'lee@contoso.com' });
    const [payload = '', signature = ''] = (client.cookies.get('AppServiceAuthSession') ?? '').split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.principal.userDetails = 'admin@contoso.com';
    const forged = `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const me = await client.fetch('/.auth/me', { headers: { cookie: `AppServiceAuthSession=${forged}` } });
    expect(await me.json()).toEqual([]);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'http:/evil.example',
    '\\\\evil.example',
    'data:text/html,hi',
  ])('refuses the open redirect %j after sign-in and sends the user to /', async (target) => {
    const response = await new CookieJarClient(dev().url).signIn({
      userDetails: 'a@contoso.com',
      post_login_redirect_uri: target,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
  });

  it('shows the sign-in form with the redirect pre-filled and every reflected value escaped', async () => {
    const target = '/next?a=1&b="><script>alert(1)</script>';
    const response = await new CookieJarClient(dev().url).fetch(
      `/.auth/login/dev?post_login_redirect_uri=${encodeURIComponent(target)}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain(
      'name="post_login_redirect_uri" value="/next?a=1&#38;b=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"',
    );
    const error = await new CookieJarClient(dev().url).signIn({
      userDetails: '',
      email: '"><img src=x onerror=alert(1)>',
    });
    expect(error.status).toBe(400);
    const errorHtml = await error.text();
    expect(errorHtml).not.toContain('<img');
    expect(errorHtml).toContain('&#34;&#62;&#60;img src=x onerror=alert(1)&#62;');
  });

  it('refuses a sign-in posted from another origin (login CSRF) and other providers', async () => {
    const postSignIn = (path: string, headers: Record<string, string>) =>
      fetch(`${dev().url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'userDetails=victim%40contoso.com',
        redirect: 'manual',
      });
    const response = await postSignIn('/.auth/login/dev', { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
    const attempts: Record<string, string>[] = [{ origin: 'null' }, { 'sec-fetch-site': 'same-site' }];
    for (const headers of attempts) {
      const refused = await postSignIn('/.auth/login/dev', headers);
      expect(refused.status).toBe(403);
    }
    // A path that looks protocol-relative must not turn into the request's host.
    const smuggled = await postSignIn('//evil.example/.auth/login/dev', { origin: 'http://evil.example' });
    expect(smuggled.status).toBe(404);
    expect(smuggled.headers.getSetCookie()).toEqual([]);
    const form = await fetch(`${dev().url}/.auth/login/dev`);
    // With no-referrer, browsers post the form with `Origin: null`, which is refused.
    expect(form.headers.get('referrer-policy')).toBe('same-origin');
    expect((await fetch(`${dev().url}/.auth/login/aad`)).status).toBe(404);
  });
});
