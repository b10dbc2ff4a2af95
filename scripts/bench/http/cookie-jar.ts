/**
 * A browser's cookie jar for one loopback origin, reduced to what signing in needs: it keeps
 * cookies by name, never follows redirects (each hop is checked), and only talks to 127.0.0.1.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  constructor(readonly origin: string) {
    if (new URL(origin).hostname !== '127.0.0.1') throw new Error('the benchmark only talks to 127.0.0.1');
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
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(setCookie)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return response;
  }
}
