import type { HttpHandler } from '@azure/functions';
import { preflightResponse, toOrigin, withCredentialedCors } from '../http/cors.js';
import { endpoint } from '../http/endpoint.js';
import { getServices } from '../services.js';
import { SETTING } from '../settings/setting-names.js';
import { type SiteSettings, splitList } from '../settings/site-settings.js';
import { siteFromRoute } from './site-from-route.js';

/**
 * The origins a site's pages run on: the origin of every redirect URI of every registered client,
 * plus `ImplicitGrantFlow/CorsAllowedOrigins` (semicolon-separated origins). Entries that are not
 * http(s) URLs, and `*`, are ignored: a credentialed grant is never given to every origin.
 */
export function siteCorsOrigins(site: SiteSettings): ReadonlySet<string> {
  const candidates = [
    ...[...site.registeredClientIds].flatMap((clientId) => site.redirectUris(clientId)),
    ...splitList(site.get(SETTING.corsAllowedOrigins)),
  ];
  const origins = new Set<string>();
  for (const candidate of candidates) {
    const origin = toOrigin(candidate);
    if (origin) origins.add(origin);
  }
  return origins;
}

/**
 * Credentialed CORS for a route of a site (`{site}` route parameter, or the default site on the
 * Power Pages routes). Preflights go through the endpoint wrapper, so an unknown site is a 404.
 */
export function siteCors(handler: HttpHandler, methods: readonly string[]): HttpHandler {
  const preflight = endpoint(async ({ request, services }) => {
    const site = await siteFromRoute(services, request.params.site);
    return preflightResponse(request.headers.get('origin'), siteCorsOrigins(site), methods);
  });
  return withCredentialedCors(handler, preflight, async (request) =>
    siteCorsOrigins(await siteFromRoute(await getServices(), request.params.site)),
  );
}
