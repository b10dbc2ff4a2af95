/**
 * Easy Auth's sign-in URL for a provider, returning to `returnTo` (a path and query on this host)
 * afterwards. Relative: Easy Auth runs on the same host as the function.
 */
export function signInUrl(provider: string, returnTo: string): string {
  return `/.auth/login/${encodeURIComponent(provider)}?post_login_redirect_uri=${encodeURIComponent(returnTo)}`;
}

/** The path and query of a request URL, which Easy Auth sends the browser back to after sign-in. */
export function pathAndQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
