import type { HttpHandler, HttpRequest } from '@azure/functions';
import { preflightResponse, toOrigin, withCredentialedCors } from '../http/cors.js';
import { endpoint } from '../http/endpoint.js';
import { getServices } from '../services.js';
import type { SiteSettings } from '../settings/site-settings.js';
import { clientIdFromRequest } from './cors-client.js';
import { siteFromRoute } from './site-from-route.js';

/**
 * Whose pages may read a response cross-origin with credentials:
 * - a client id: that client's redirect-URI origins plus `ImplicitGrantFlow/CorsAllowedOrigins`
 *   (a token issued to one client is not readable by another client's pages);
 * - `undefined` (the request names no client, or names it ambiguously): the allow-list only;
 * - `ANY_CLIENT`: every registered client's origins plus the allow-list; for preflights that name
 *   no client (the actual response decides), and for routes whose answer is not one client's.
 */
export const ANY_CLIENT = Symbol('any registered client');
export type CorsClient = string | undefined | typeof ANY_CLIENT;

/** Resolves which client a request is for; runs before the handler, so it may read the body. */
export type CorsClientOf = (request: HttpRequest) => Promise<CorsClient>;

/** The origins that may read a response for `client` (see CorsClient). */
export function siteCorsOrigins(site: SiteSettings, client: CorsClient): ReadonlySet<string> {
  const origins = new Set(site.corsAllowedOrigins);
  const clients =
    client === ANY_CLIENT
      ? [...site.registeredClientIds]
      : client !== undefined && site.registeredClientIds.has(client)
        ? [client]
        : [];
  for (const clientId of clients) {
    for (const uri of site.redirectUris(clientId)) {
      const origin = toOrigin(uri);
      if (origin) origins.add(origin);
    }
  }
  return origins;
}

/**
 * Credentialed CORS for a route of a site (`{site}` route parameter, or the default site on the
 * Power Pages routes), per client. `clientOf` says whose response it is; by default the request's
 * `client_id` (query or form body). A preflight cannot carry the body: it is answered for the
 * `client_id` of its query when there is one, else for any registered client, and the grant that
 * counts is the one on the actual response. Preflights go through the endpoint wrapper, so an
 * unknown site is a 404.
 */
export function siteCors(
  handler: HttpHandler,
  methods: readonly string[],
  clientOf: CorsClientOf = clientIdFromRequest,
): HttpHandler {
  const preflight = endpoint(async ({ request, services }) => {
    const site = await siteFromRoute(services, request.params.site);
    const named = request.query.getAll('client_id');
    const client = named.length === 1 ? named[0] : named.length === 0 ? ANY_CLIENT : undefined;
    return preflightResponse(request.headers.get('origin'), siteCorsOrigins(site, client), methods);
  });
  return withCredentialedCors(handler, preflight, async (request) => {
    const client = clientOf(request);
    const site = await siteFromRoute(await getServices(), request.params.site);
    return siteCorsOrigins(site, await client);
  });
}
