import { app } from '@azure/functions';
import { endpoint } from '../shared/http/endpoint.js';
import { siteSigningKey } from '../shared/site-signing-key.js';

/**
 * The PEM (SubjectPublicKeyInfo) of the key the default site signs with now. Served even when the
 * flow is turned off, so APIs can still validate tokens that are in flight.
 */
export const publicKeyHandler = endpoint(async ({ services }) => {
  const site = await services.sites.get(services.config.defaultSite);
  const key = await siteSigningKey(services, site);
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      // Short public caching: validators may poll, and a rotation must show within minutes.
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    },
    body: key.publicKeyPem,
  };
});

app.http('publickey', {
  route: '_services/auth/publickey',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: publicKeyHandler,
});
