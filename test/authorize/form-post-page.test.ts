import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  authorizeHostForFile,
  authorizePath,
  oidcParams,
  parseFormPost,
  SPA_CALLBACK,
  SPA_LOOPBACK,
} from './support.js';

/**
 * The form_post page (OAuth 2.0 Form Post Response Mode) carries tokens in a page: it must not be
 * cached, framed, or able to run anything but its one submit script, and must escape every value.
 */

const { browser } = authorizeHostForFile({ signedIn: true });

const XSS_STATE = `"><script>alert(1)</script>'\`<b x="`;

async function formPostPage(overrides: Record<string, string | undefined> = {}) {
  const response = await browser().fetch(
    authorizePath(oidcParams({ response_mode: 'form_post', ...overrides })),
  );
  expect(response.status).toBe(200);
  return { response, html: await response.text() };
}

function cspDirectives(csp: string): Map<string, string> {
  return new Map(
    csp.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('the form_post page', () => {
  it('is never cached, framed, sniffed or leaked through Referer, and has no CORS', async () => {
    const { response } = await formPostPage();
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('pragma')).toBe('no-cache');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('location')).toBeNull();
  });

  it('allows only its own submit script (by hash) and posting only to the client', async () => {
    const { response, html } = await formPostPage();
    const csp = cspDirectives(response.headers.get('content-security-policy') ?? '');
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('form-action')).toBe(new URL(SPA_CALLBACK).origin);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');
    expect(scripts).toHaveLength(1);
    const hash = `'sha256-${createHash('sha256')
      .update(scripts[0] ?? '')
      .digest('base64')}'`;
    expect(csp.get('script-src')).toBe(hash);
    expect(scripts[0]).toBe('document.forms[0].submit();');
  });

  it('has a Continue button for browsers without scripts', async () => {
    const { html } = await formPostPage({ ui_locales: 'es' });
    expect(html).toMatch(/<noscript>[\s\S]*<button type="submit">Continuar<\/button>[\s\S]*<\/noscript>/);
    expect(html).toContain('<html lang="es">');
  });

  it('escapes the state in its attribute, and posts it back exactly', async () => {
    const { html } = await formPostPage({ state: XSS_STATE });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b x=');
    const { fields } = parseFormPost(html);
    expect(Object.fromEntries(fields).state).toBe(XSS_STATE);
  });

  it('for a loopback client on http, form-action names that origin', async () => {
    const { response, html } = await formPostPage({ redirect_uri: SPA_LOOPBACK });
    const csp = cspDirectives(response.headers.get('content-security-policy') ?? '');
    expect(csp.get('form-action')).toBe('http://127.0.0.1:5173');
    expect(parseFormPost(html).action).toBe(SPA_LOOPBACK);
  });

  it('the tokens are in the page body only, never in a header', async () => {
    const { response, html } = await formPostPage({ response_type: 'id_token token' });
    const fields = Object.fromEntries(parseFormPost(html).fields);
    expect(Object.keys(fields).sort()).toEqual(
      ['access_token', 'expires_in', 'id_token', 'iss', 'scope', 'state', 'token_type'].sort(),
    );
    for (const [, value] of response.headers) expect(value).not.toContain(fields.id_token ?? '-');
  });
});
