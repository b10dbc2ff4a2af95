import { app } from '@azure/functions';
import { authorizeEndpoint } from '../shared/oidc/authorize/authorize-endpoint.js';
import { completeLogout, rpLogout } from '../shared/oidc/logout/rp-logout.js';

/**
 * RP-initiated sign-out of a site (OpenID Connect RP-Initiated Logout 1.0): navigated to by the
 * browser, so failures are pages (the authorize endpoint's wrapper), never JSON and never CORS.
 * The steps are in shared/oidc/logout/rp-logout.ts.
 */
export const logoutHandler = authorizeEndpoint(rpLogout);

/** Where Easy Auth's sign-out comes back to: sends the browser on to the client's registered URI. */
export const logoutCompleteHandler = authorizeEndpoint(completeLogout);

app.http('oidc-logout', {
  route: '{site}/oauth2/v1/logout',
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  handler: logoutHandler,
});

app.http('oidc-logout-complete', {
  route: '{site}/oauth2/v1/logout/complete',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: logoutCompleteHandler,
});
