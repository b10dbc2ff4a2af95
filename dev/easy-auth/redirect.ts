/** The service refuses to send longer return URLs (shared/oidc/authorize/sign-in-redirect.ts). */
const MAX_REDIRECT_PATH = 4096;

/**
 * Where /.auth/login and /.auth/logout may send the browser: only a path on this host's own
 * origin, else `/`, so the sign-in and sign-out pages cannot become open redirects. The value is
 * checked after normalising, as a browser would resolve it: WHATWG URL turns `/.//evil`,
 * `/%2e//evil` or `/\evil` into paths that start with `//`, which the browser then reads as
 * another host. Leading slashes are collapsed, and the emitted path must resolve to this origin.
 */
export function safeRedirectPath(value: string | null | undefined, origin: string): string {
  if (!value || value.length > MAX_REDIRECT_PATH || !value.startsWith('/')) return '/';
  try {
    const url = new URL(value, origin);
    if (url.origin !== origin) return '/';
    const path = `${url.pathname.replace(/^\/+/, '/')}${url.search}${url.hash}`;
    return new URL(path, origin).origin === origin ? path : '/';
  } catch {
    return '/';
  }
}
