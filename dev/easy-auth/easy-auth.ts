import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readRequestBody } from '../request-body.js';
import { redirect, sendError, sendHtml, sendJson } from '../send.js';
import { formValues, principalFromForm } from './login-form.js';
import { renderLoginPage } from './login-page.js';
import { authMeBody, type DevPrincipal, PROVIDER } from './principal.js';
import { safeRedirectPath } from './redirect.js';
import { clearedSessionCookie, SessionCodec, sessionCookie, sessionCookieOf } from './session.js';

const MAX_FORM_BYTES = 16 * 1024;

/**
 * The /.auth/* endpoints of App Service Authentication, with one provider, `dev`, that signs in
 * whoever fills in the form (as the Static Web Apps CLI's emulator does). Development only.
 */
export class EasyAuthEmulator {
  constructor(private readonly sessions = new SessionCodec()) {}

  /** The signed-in user of a request, from its session cookie. */
  principalOf(req: IncomingMessage): DevPrincipal | undefined {
    return this.sessions.decode(sessionCookieOf(req.headers.cookie));
  }

  /** Serves the request when it is for /.auth/*; returns false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname.toLowerCase().replace(/\/+$/, '');
    if (path !== '/.auth' && !path.startsWith('/.auth/')) return false;
    const method = req.method ?? 'GET';
    if (path === `/.auth/login/${PROVIDER}`) {
      if (method === 'GET' || method === 'HEAD') this.#showLoginForm(res, url, method);
      else if (method === 'POST') await this.#signIn(req, res, url);
      else sendError(res, 405, 'method_not_allowed', 'Use GET or POST.');
    } else if (path.startsWith('/.auth/login/')) {
      sendError(res, 404, 'unknown_provider', `The dev host only emulates the "${PROVIDER}" provider.`);
    } else if (path === '/.auth/me' && (method === 'GET' || method === 'HEAD')) {
      sendJson(res, 200, authMeBody(this.principalOf(req)));
    } else if (path === '/.auth/logout' && (method === 'GET' || method === 'POST')) {
      const target = safeRedirectPath(url.searchParams.get('post_logout_redirect_uri'), url.origin);
      redirect(res, 302, target, [clearedSessionCookie()]);
    } else {
      sendError(res, 404, 'not_found', 'No such /.auth endpoint.');
    }
    return true;
  }

  #showLoginForm(res: ServerResponse, url: URL, method: string) {
    const target = safeRedirectPath(url.searchParams.get('post_login_redirect_uri'), url.origin);
    const page = renderLoginPage({}, target);
    sendHtml(res, 200, page.html, page.csp, method);
  }

  async #signIn(req: IncomingMessage, res: ServerResponse, url: URL) {
    // Login CSRF: a cross-site page could otherwise sign the browser in as someone else.
    // `Origin: null` (sandboxed frames, data: URLs) is refused too; so is a same-site sibling port.
    const origin = req.headers.origin;
    const fetchSite = req.headers['sec-fetch-site'];
    const crossSite = fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none';
    if ((origin !== undefined && origin !== `${url.protocol}//${url.host}`) || crossSite) {
      sendError(res, 403, 'cross_site_sign_in', 'Sign-in must be posted from this site.');
      return;
    }
    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
      sendError(
        res,
        415,
        'unsupported_media_type',
        'Post the sign-in form as application/x-www-form-urlencoded.',
      );
      return;
    }
    let body: Buffer;
    try {
      body = await readRequestBody(req, MAX_FORM_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      sendError(res, 413, 'payload_too_large', 'The sign-in form is too large.');
      return;
    }
    const values = formValues(new URLSearchParams(body.toString('utf8')));
    const target = safeRedirectPath(values.post_login_redirect_uri, url.origin);
    const result = principalFromForm(values);
    if ('error' in result) {
      const page = renderLoginPage(values, target, result.error);
      sendHtml(res, 400, page.html, page.csp);
      return;
    }
    redirect(res, 303, target, [sessionCookie(this.sessions.encode(result.principal))]);
  }
}
