import { describe, expect, it } from 'vitest';
import { messageFor } from '../../shared/i18n/message-for.js';
import { CookieJarClient } from '../support/dev-host.js';
import {
  authorizeHostForFile,
  authorizePath,
  decodeEntities,
  INSECURE_APP,
  INSECURE_CALLBACK,
  oidcParams,
  SPA_CALLBACK,
  signedInBrowser,
} from './support.js';

/**
 * Requests whose client or redirect URI cannot be trusted: the answer is a page for the user,
 * never a redirect, so the endpoint cannot be used as an open redirector or to deliver tokens or
 * errors to a URI the client did not register (RFC 6749 4.2.2.1, RFC 9700 4.1, 4.11).
 */

// Signed in: the strongest case, where a redirect would carry tokens.
const { dev, browser } = authorizeHostForFile({ signedIn: true });

function elementText(html: string, id: string): string | undefined {
  const match = new RegExp(`id="${id}">([^<]*)<`).exec(html);
  return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
}

/** The never-redirected answer: an HTML page with the id, message and correlation id, and no Location. */
async function expectErrorPage(response: Response, id: string, status = 400) {
  const html = await response.text();
  expect(response.status).toBe(status);
  expect(response.headers.get('location')).toBeNull();
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('script-src');
  expect(html).not.toContain('<script');
  expect(elementText(html, 'error-id')).toBe(id);
  const correlationId = response.headers.get('x-correlation-id') ?? '';
  expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
  expect(elementText(html, 'correlation-id')).toBe(correlationId);
  expect(
    dev().logs.some((line) => line.includes(id) && line.includes(`correlationId=${correlationId}`)),
  ).toBe(true);
  return html;
}

/** The request with `name` sent a second time, as `value`: PortalSTS0005 whatever the two values. */
async function expectSentTwiceRefused(name: string, value: string) {
  const query = new URLSearchParams(oidcParams());
  query.append(name, value);
  await expectErrorPage(await browser().fetch(`/contoso/oauth2/v1/auth?${query}`), 'PortalSTS0005');
}

describe('redirect_uri that is not exactly a registered one', () => {
  const nearMisses = {
    'a trailing slash': `${SPA_CALLBACK}/`,
    'a different case': SPA_CALLBACK.replace('callback', 'Callback'),
    'a different host case': SPA_CALLBACK.replace('spa.contoso', 'SPA.contoso'),
    'an extra query': `${SPA_CALLBACK}?next=/admin`,
    'http instead of https': SPA_CALLBACK.replace('https:', 'http:'),
    'a fragment': `${SPA_CALLBACK}#x`,
    'a different port': SPA_CALLBACK.replace('.example/', '.example:444/'),
    'another site': 'https://evil.example/callback',
    'a path below it': `${SPA_CALLBACK}/../evil`,
  };
  for (const [what, redirectUri] of Object.entries(nearMisses)) {
    it(`is not redirected to when it has ${what}`, async () => {
      const response = await browser().fetch(authorizePath(oidcParams({ redirect_uri: redirectUri })));
      await expectErrorPage(response, 'PortalSTS0020');
    });
  }

  it('missing: PortalSTS0020', async () => {
    const response = await browser().fetch(authorizePath(oidcParams({ redirect_uri: undefined })));
    await expectErrorPage(response, 'PortalSTS0020');
  });

  it('registered but plain http on a public host: still refused', async () => {
    const params = oidcParams({ client_id: INSECURE_APP, redirect_uri: INSECURE_CALLBACK });
    await expectErrorPage(await browser().fetch(authorizePath(params)), 'PortalSTS0020');
  });

  it('registered for another client: refused', async () => {
    const params = oidcParams({ client_id: INSECURE_APP, redirect_uri: SPA_CALLBACK });
    await expectErrorPage(await browser().fetch(authorizePath(params)), 'PortalSTS0020');
  });

  it('sent twice, even with one registered value: PortalSTS0005', async () => {
    await expectSentTwiceRefused('redirect_uri', 'https://evil.example/callback');
  });
});

describe('client_id', () => {
  it('missing: PortalSTS0021', async () => {
    const response = await browser().fetch(authorizePath(oidcParams({ client_id: undefined })));
    await expectErrorPage(response, 'PortalSTS0021');
  });

  it('unknown: PortalSTS0001, with Power Pages message', async () => {
    const response = await browser().fetch(authorizePath(oidcParams({ client_id: 'someone-else' })));
    const html = await expectErrorPage(response, 'PortalSTS0001');
    expect(elementText(html, 'message')).toBe(messageFor('PortalSTS0001', 'en'));
  });

  it('malformed: PortalSTS0002', async () => {
    const response = await browser().fetch(authorizePath(oidcParams({ client_id: 'a'.repeat(37) })));
    await expectErrorPage(response, 'PortalSTS0002');
  });

  it('sent twice: PortalSTS0005', async () => {
    await expectSentTwiceRefused('client_id', 'spa-app');
  });
});

describe('the tenant', () => {
  it('an unknown site is a 404 page', async () => {
    const response = await browser().fetch(authorizePath(oidcParams(), 'no-such-site'));
    await expectErrorPage(response, 'PortalSTS0009', 404);
  });

  it('a tenant that is not a site id is a 404 page', async () => {
    const response = await browser().fetch(authorizePath(oidcParams(), 'Not_A_Site'));
    await expectErrorPage(response, 'PortalSTS0009', 404);
  });
});

describe('what the page shows', () => {
  const XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>';

  it('reflects nothing from the request, so scripts in client_id, redirect_uri or state never run', async () => {
    for (const params of [
      oidcParams({ client_id: XSS }),
      oidcParams({ redirect_uri: `https://evil.example/${XSS}` }),
      oidcParams({ redirect_uri: 'javascript:alert(1)', state: XSS }),
    ]) {
      const response = await browser().fetch(authorizePath(params));
      const html = await response.text();
      expect(response.status).toBe(400);
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('alert(');
    }
  });

  it("is in the user's language: Accept-Language", async () => {
    const response = await new CookieJarClient(dev().url).fetch(
      authorizePath(oidcParams({ redirect_uri: undefined })),
      {
        headers: { 'accept-language': 'fr-CA, en;q=0.5' },
      },
    );
    const html = await expectErrorPage(response, 'PortalSTS0020');
    expect(html).toContain('<html lang="fr">');
    expect(elementText(html, 'message')).toBe(messageFor('PortalSTS0020', 'fr'));
  });

  it('the locale claim of a signed-in user wins over Accept-Language', async () => {
    const japanese = await signedInBrowser(dev().url, { userDetails: 'kenji@contoso.com', locale: 'ja-JP' });
    const response = await japanese.fetch(authorizePath(oidcParams({ client_id: 'unknown-app' })), {
      headers: { 'accept-language': 'de' },
    });
    const html = await expectErrorPage(response, 'PortalSTS0001');
    expect(html).toContain('<html lang="ja">');
    expect(elementText(html, 'message')).toBe(messageFor('PortalSTS0001', 'ja'));
  });

  it('ui_locales from the application wins over both', async () => {
    const response = await browser().fetch(
      authorizePath(oidcParams({ redirect_uri: undefined, ui_locales: 'tlh zh-CN de' })),
      { headers: { 'accept-language': 'fr' } },
    );
    const html = await expectErrorPage(response, 'PortalSTS0020');
    expect(html).toContain('<html lang="zh-Hans">');
    expect(elementText(html, 'message')).toBe(messageFor('PortalSTS0020', 'zh-Hans'));
  });
});
