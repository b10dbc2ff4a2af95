/**
 * A return path that stays on this host: a leading run of `/` and `\` becomes one `/`. Browsers
 * read `//host/...` (and `/\host/...`) as a protocol-relative URL, so a request path like
 * `//evil.example/x` would otherwise send the user to another site after sign-in.
 */
export function sameHostPath(path: string): string {
  return path.replace(/^[/\\]+/, '/');
}

/**
 * Easy Auth's sign-in URL for a provider, returning to `returnTo` (a path and query on this host)
 * afterwards. Relative: Easy Auth runs on the same host as the function.
 */
export function signInUrl(provider: string, returnTo: string): string {
  return `/.auth/login/${encodeURIComponent(provider)}?post_login_redirect_uri=${encodeURIComponent(sameHostPath(returnTo))}`;
}

/** The path and query of a request URL, which Easy Auth sends the browser back to after sign-in. */
export function pathAndQuery(url: string): string {
  const parsed = new URL(url);
  return sameHostPath(`${parsed.pathname}${parsed.search}`);
}
