import { get } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CookieJarClient } from '../support/dev-host.js';
import { type Echo, echo, fixtureDevHostForFile } from './dev-host-fixture.js';

const dev = fixtureDevHostForFile();

describe('registered functions over HTTP', () => {
  it('serves the routes the fixture registered through app.http, with params, query and body', async () => {
    const client = new CookieJarClient(dev().url);
    expect(dev().host.routes()).toContain('fixture/echo/{id}');
    const response = await client.fetch('/fixture/echo/42?a=1&a=2', { method: 'POST', body: 'hello' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-fixture')).toBe('echo');
    const body = (await response.json()) as Echo;
    expect(body).toMatchObject({
      method: 'POST',
      url: `${dev().url}/fixture/echo/42?a=1&a=2`,
      params: { id: '42' },
      query: [
        ['a', '1'],
        ['a', '2'],
      ],
      body: 'hello',
      functionName: 'fixture-echo',
    });
    expect(dev().logs.join('\n')).toContain('fixture-echo information: echo POST with id 42');
  });

  it('requires every parameter and applies the methods of the registration', async () => {
    const client = new CookieJarClient(dev().url);
    expect((await client.fetch('/fixture/echo')).status).toBe(404);
    expect((await echo(client, '/fixture/echo/abc')).params).toEqual({ id: 'abc' });
    expect((await client.fetch('/fixture/echo/1', { method: 'DELETE' })).status).toBe(404);
    const head = await client.fetch('/fixture/echo/1', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-fixture')).toBe('echo');
    expect(await head.text()).toBe('');
  });

  it('prefers the literal route and matches literals case-insensitively', async () => {
    const client = new CookieJarClient(dev().url);
    expect(await (await client.fetch('/fixture/items/latest')).json()).toEqual({ which: 'literal' });
    expect(await (await client.fetch('/FIXTURE/items/LATEST')).json()).toEqual({ which: 'literal' });
    expect(await (await client.fetch('/fixture/items/7')).json()).toEqual({ which: 'parameter', id: '7' });
    expect(await (await client.fetch('/fixture/files')).json()).toEqual({ files: [] });
    expect((await client.fetch('/fixture/files/a')).status).toBe(404);
  });

  it('sends streamed, binary and empty responses', async () => {
    const client = new CookieJarClient(dev().url);
    expect(await (await client.fetch('/fixture/stream')).text()).toBe('one,two,three');
    const bytes = await client.fetch('/fixture/bytes');
    expect(bytes.headers.get('content-type')).toBe('application/octet-stream');
    expect([...new Uint8Array(await bytes.arrayBuffer())]).toEqual([0, 1, 2, 255]);
    expect((await client.fetch('/fixture/nothing')).status).toBe(204);
  });

  it('refuses the `cookies` response field, which no function uses, with a 500 and a log line', async () => {
    const response = await new CookieJarClient(dev().url).fetch('/fixture/cookies');
    expect(response.status).toBe(500);
    expect(dev().logs.join('\n')).toContain('the dev host does not send the "cookies" response field');
  });

  it('collapses leading slashes before a handler sees the URL, so no return URL is protocol-relative', async () => {
    const urlSeen = (path: string) =>
      new Promise<string>((resolve, reject) => {
        get({ host: '127.0.0.1', port: dev().host.port, path }, (response) => {
          let body = '';
          response.on('data', (chunk) => {
            body += chunk;
          });
          response.on('end', () => resolve(JSON.parse(body).url));
        }).on('error', reject);
      });
    expect(await urlSeen('//fixture/echo/1?x=1')).toBe(
      `http://127.0.0.1:${dev().host.port}/fixture/echo/1?x=1`,
    );
    expect(await urlSeen('///fixture/echo/2')).toBe(`http://127.0.0.1:${dev().host.port}/fixture/echo/2`);
  });

  it('answers unknown routes with a 404 JSON document', async () => {
    const response = await new CookieJarClient(dev().url).fetch('/no/such/route');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });

  it('turns a throwing handler into a generic 500 without the error or stack, and logs it', async () => {
    const response = await new CookieJarClient(dev().url).fetch('/fixture/throws');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal_error', message: expect.any(String) });
    expect(text).not.toContain('exploded');
    expect(text).not.toContain('/secret/internal/path');
    expect(text).not.toMatch(/at .*\.ts/);
    expect(dev().logs.join('\n')).toContain('fixture exploded');
  });

  it('keeps tokens and cookies out of the log', async () => {
    const client = new CookieJarClient(dev().url);
    await client.signIn({ userDetails: 'logger@contoso.com' });
    expect((await client.fetch('/fixture/logs-token?secret=query-value')).status).toBe(200);
    const logs = dev().logs.join('\n');
    expect(logs).toContain('[redacted]');
    expect(logs).not.toContain('eyJhbGciOiJSUzI1NiJ9');
    expect(logs).not.toContain('session=abc');
    expect(logs).not.toContain('query-value');
    expect(logs).not.toContain(client.cookies.get('AppServiceAuthSession') ?? 'no cookie?');
  });

  it('survives bad input: bad percent-encoding, a bad Host header, an oversized body, a garbage request', async () => {
    const client = new CookieJarClient(dev().url);
    expect((await client.fetch('/fixture/items/%E0%A4%A')).status).toBe(404);
    const oversized = await client.fetch('/fixture/echo/1', {
      method: 'POST',
      body: 'x'.repeat(11 * 1024 * 1024),
    });
    expect(oversized.status).toBe(413);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(dev().host.port, '127.0.0.1', () => socket.end('GARBAGE\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    const badHost = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const options = { host: '127.0.0.1', port: dev().host.port, path: '/fixture/echo/3' };
      get({ ...options, headers: { host: 'bad host/with spaces' } }, (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode, body }));
      }).on('error', reject);
    });
    // The handler sees the host's own address instead of a URL it could not parse.
    expect(badHost.status).toBe(200);
    expect(JSON.parse(badHost.body).url).toBe(`http://localhost:${dev().host.port}/fixture/echo/3`);
    expect((await client.fetch('/fixture/items/latest')).status).toBe(200);
  });
});

describe('demo page', () => {
  it('is served at / with a strict CSP, and only the files of dev/public are reachable', async () => {
    const client = new CookieJarClient(dev().url);
    const page = await client.fetch('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/app.js" defer></script>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await client.fetch('/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain("'X-Requested-With', 'XMLHttpRequest'");
    expect((await client.fetch('/../package.json')).status).toBe(404);
    expect((await client.fetch('/%2e%2e/package.json')).status).toBe(404);
  });
});
