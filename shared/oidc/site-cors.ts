import type { HttpHandler } from '@azure/functions';
import { preflightResponse, toOrigin, withCredentialedCors } from '../http/cors.js';
import { endpoint } from '../http/endpoint.js';
import { getServices } from '../services.js';
import type { SiteSettings } from '../settings/site-settings.js';
import { siteFromRoute } from './site-from-route.js';

/**
 * The origins a site's pages run on: the origin of every redirect URI of every registered client,
 * plus `ImplicitGrantFlow/CorsAllowedOrigins` (already checked to be origins by the settings
 * parser: `*` and other non-origins never get a credentialed grant).
 */
export function siteCorsOrigins(site: SiteSettings): ReadonlySet<string> {
  const origins = new Set(site.corsAllowedOrigins);
  for (const clientId of site.registeredClientIds) {
    for (const uri of site.redirectUris(clientId)) {
      const origin = toOrigin(uri);
      if (origin) origins.add(origin);
    }
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
