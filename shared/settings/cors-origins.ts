import { isConformingRedirectUri } from '../oidc/authorize/redirect-uri-rules.js';

/**
 * An entry of `ImplicitGrantFlow/CorsAllowedOrigins` as its serialized origin, or undefined when it
 * is not one: the redirect-URI rules (https, or http on a loopback host; no user info) and an origin
 * only, so no path, query, fragment or wildcard (`*`, `https://*.contoso.com`). A trailing `/` is
 * allowed (`https://portal.contoso.com/` is that origin); case and the default port are normalised.
 */
export function allowedOrigin(entry: string): string | undefined {
  const text = entry.trim();
  if (/[*?]/.test(text) || !isConformingRedirectUri(text)) return undefined;
  // `new URL('https://a.example')` has pathname `/` too; anything after the authority but `/` is a path.
  const url = new URL(text);
  if (url.pathname !== '/' || /^[a-z]+:\/\/[^/]+\/./i.test(text)) return undefined;
  return url.origin;
}

/** The origins of the setting, and the entries that are not origins (ignored, and reported once). */
export function parseCorsOrigins(entries: readonly string[]): { origins: Set<string>; rejected: string[] } {
  const origins = new Set<string>();
  const rejected: string[] = [];
  for (const entry of entries) {
    const origin = allowedOrigin(entry);
    if (origin) origins.add(origin);
    else rejected.push(entry);
  }
  return { origins, rejected };
}
