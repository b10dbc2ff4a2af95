import { app } from '@azure/functions';
import { authorizeEndpoint } from '../shared/oidc/authorize/authorize-endpoint.js';
import { oidcAuthorize } from '../shared/oidc/authorize/oidc-authorize.js';
import { powerPagesAuthorize } from '../shared/oidc/authorize/power-pages-authorize.js';

/**
 * The OpenID Connect authorization endpoint of a site (implicit flow: id_token, id_token token,
 * and OAuth's token), answered in the fragment or with form_post. The steps are in
 * shared/oidc/authorize/oidc-authorize.ts.
 */
export const authorizeHandler = authorizeEndpoint(oidcAuthorize);

/** Power Pages' older authorize endpoint for the default site: the Power Pages token in the fragment. */
export const powerPagesAuthorizeHandler = authorizeEndpoint(powerPagesAuthorize);

app.http('oidc-authorize', {
  route: '{site}/oauth2/v1/auth',
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  handler: authorizeHandler,
});

app.http('power-pages-authorize', {
  route: '_services/auth/authorize',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: powerPagesAuthorizeHandler,
});
