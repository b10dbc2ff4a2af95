/**
 * The OpenID Connect issuer of a site: `<PUBLIC_BASE_URL>/<site>`, a URL as OIDC Core requires
 * and equal to the discovery document's `issuer`. (The Power Pages routes keep their host-only
 * issuer for compatibility.)
 */
export function oidcIssuer(base: URL, siteId: string): string {
  const path = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${path}/${siteId}`;
}
