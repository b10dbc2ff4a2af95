/**
 * Where /.auth/login and /.auth/logout may send the browser: only a path on this origin. Anything
 * else (`https://evil`, `//evil`, `/\evil`, `javascript:`, control characters that browsers strip
 * before resolving) falls back to `/`, so the sign-in page cannot become an open redirect.
 */
const DUMMY_ORIGIN = 'http://dev-host.invalid';
/** The service refuses to send longer return URLs (shared/oidc/authorize/sign-in-redirect.ts). */
const MAX_REDIRECT_PATH = 4096;

export function safeRedirectPath(value: string | null | undefined): string {
  if (!value || value.length > MAX_REDIRECT_PATH) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  // Backslashes become slashes and tabs/newlines vanish in browsers' URL parsing.
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || value[i] === '\\') return '/';
  }
  let url: URL;
  try {
    url = new URL(value, DUMMY_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== DUMMY_ORIGIN) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
