import { app } from '@azure/functions';
import { withOpenCors } from '../shared/http/cors.js';
import { endpoint } from '../shared/http/endpoint.js';
import { publicBaseUrl } from '../shared/http/public-base-url.js';
import { siteKeys } from '../shared/keys/site-keys.js';
import { discoveryDocument } from '../shared/oidc/discovery.js';
import { oidcIssuer } from '../shared/oidc/issuer.js';
import { toPublicJwk } from '../shared/oidc/jwk.js';
import { publicDocumentResponse } from '../shared/oidc/public-document.js';
import { siteFromRoute } from '../shared/oidc/site-from-route.js';
import { siteSigningKey } from '../shared/site-signing-key.js';

/**
 * The public key material of a site, for validators: the PEM Power Pages serves, the JWKS and the
 * discovery document. On `{site}` routes the segment names the site; on the others, the default site.
 * Open to every origin (no credentials) and served even when the flow is turned off, so APIs can
 * validate tokens in flight.
 */

/**
 * The PEM (SubjectPublicKeyInfo) of the key the site signs with now; with `?next=1`, of the key
 * that signs next (the first upcoming one), or the current one when no change is scheduled, so a
 * validator that holds both PEMs is never without the right key.
 */
export const publicKeyHandler = withOpenCors(
  endpoint(async ({ request, invocation, services }) => {
    const site = await siteFromRoute(services, request.params.site);
    const key =
      request.query.get('next') === '1'
        ? await siteKeys(services, site, new Date(), (message) => invocation.warn(message)).then(
            (keys) => keys.upcoming[0] ?? keys.active,
          )
        : await siteSigningKey(services, site);
    return publicDocumentResponse(request, key.publicKeyPem, 'text/plain; charset=utf-8');
  }),
);

/** Every key a validator must know now: active, upcoming, and previous keys within their grace. */
export const jwksHandler = withOpenCors(
  endpoint(async ({ request, invocation, services }) => {
    const site = await siteFromRoute(services, request.params.site);
    const { published } = await siteKeys(services, site, new Date(), (message) => invocation.warn(message));
    const body = JSON.stringify({ keys: published.map(toPublicJwk) });
    return publicDocumentResponse(request, body, 'application/json; charset=utf-8');
  }),
);

/** OpenID Connect Discovery 1.0 metadata of the site. */
export const discoveryHandler = withOpenCors(
  endpoint(async ({ request, invocation, services }) => {
    const site = await siteFromRoute(services, request.params.site);
    const { published } = await siteKeys(services, site, new Date(), (message) => invocation.warn(message));
    const issuer = oidcIssuer(publicBaseUrl(services.config, request), site.siteId);
    const algorithms = published.map((key) => key.alg);
    const body = JSON.stringify(discoveryDocument(issuer, algorithms));
    return publicDocumentResponse(request, body, 'application/json; charset=utf-8');
  }),
);

const PUBLIC_ROUTES = [
  { name: 'power-pages-publickey', route: '_services/auth/publickey', handler: publicKeyHandler },
  { name: 'oidc-publickey', route: '{site}/oauth2/v1/publickey', handler: publicKeyHandler },
  { name: 'oidc-keys', route: '{site}/oauth2/v1/keys', handler: jwksHandler },
  { name: 'oidc-discovery', route: '{site}/.well-known/openid-configuration', handler: discoveryHandler },
  { name: 'oidc-discovery-default', route: '.well-known/openid-configuration', handler: discoveryHandler },
];

for (const { name, route, handler } of PUBLIC_ROUTES) {
  app.http(name, { route, methods: ['GET', 'OPTIONS'], authLevel: 'anonymous', handler });
}
