/**
 * A browser's cookie jar for one loopback origin, reduced to what signing in needs: it keeps
 * cookies by name, never follows redirects (each hop is checked), and only talks to 127.0.0.1.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  constructor(readonly origin: string) {
    if (new URL(origin).hostname !== '127.0.0.1') throw new Error('only 127.0.0.1 is spoken to');
  }

  /** The Cookie header a browser would send. */
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async fetch(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(pathOrUrl, this.origin);
    if (url.origin !== this.origin) throw new Error(`refusing to leave ${this.origin}: ${url.href}`);
    const headers = new Headers(init.headers);
    if (this.#cookies.size > 0) headers.set('cookie', this.header());
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = ''] = setCookie.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(setCookie)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return response;
  }
}

const EMAIL = 'ada@contoso.com';
const USER = { userId: 'ada-0001', userDetails: EMAIL, email: EMAIL, given_name: 'Ada' };

/** Signs in through the dev host's Easy Auth form, as a person would; returns the jar with its session. */
export async function devSignIn(origin: string): Promise<CookieJar> {
  const jar = new CookieJar(origin);
  const response = await jar.fetch('/.auth/login/dev', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ ...USER, post_login_redirect_uri: '/' }),
  });
  if (response.status !== 303 || !jar.header().includes('AppServiceAuthSession='))
    throw new Error(`dev sign-in: HTTP ${response.status}`);
  return jar;
}
