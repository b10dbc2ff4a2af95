import { app, type HttpRequest } from '@azure/functions';
import type { AppConfig } from '../shared/config.js';
import { endpoint } from '../shared/http/endpoint.js';
import { publicBaseUrl } from '../shared/http/public-base-url.js';
import { readRequestParams } from '../shared/http/request-params.js';
import { oidcIssuer } from '../shared/oidc/issuer.js';
import { siteCors } from '../shared/oidc/site-cors.js';
import { siteFromRoute } from '../shared/oidc/site-from-route.js';
import { GRANT_PARAMETERS } from '../shared/oidc/token/grant-request.js';
import { oauthTokenRequest } from '../shared/oidc/token/oauth-token-request.js';
import { signInChallenge } from '../shared/power-pages/sign-in-challenge.js';
import {
  checkFlowEnabled,
  checkTokenRequest,
  TOKEN_PARAMETERS,
} from '../shared/power-pages/token-request.js';
import { siteSigningKey } from '../shared/site-signing-key.js';
import { powerPagesClaims } from '../shared/token/power-pages-claims.js';
import { signToken } from '../shared/token/sign-token.js';

/** What differs between the Power Pages route and a site's route: which site, and whose issuer. */
interface TokenRoute {
  parameters: readonly string[];
  /** A site route answers OAuth token requests (`grant_type`): code and refresh token grants. */
  answersGrantType: boolean;
  issuer(config: AppConfig, request: HttpRequest, siteId: string): string;
}

/** Power Pages: the default site, `iss` the host of PUBLIC_BASE_URL; unknown parameters ignored. */
const POWER_PAGES_ROUTE: TokenRoute = {
  parameters: TOKEN_PARAMETERS,
  answersGrantType: false,
  issuer: (config, request) => publicBaseUrl(config, request).host,
};

/**
 * `/{site}/oauth2/v1/token`: with grant_type, an OAuth token request (shared/oidc/token);
 * without, the same token as Power Pages' for the site, with its OpenID Connect issuer.
 */
const SITE_ROUTE: TokenRoute = {
  parameters: [...new Set([...TOKEN_PARAMETERS, ...GRANT_PARAMETERS])],
  answersGrantType: true,
  issuer: (config, request, siteId) => oidcIssuer(publicBaseUrl(config, request), siteId),
};

/**
 * Power Pages' token endpoint: the signed-in user's ID token for the browser app to send to an API.
 * Steps: the site exists and has the flow on, the parameters are valid, the user is signed in
 * (otherwise the sign-in challenge), then one signature with the site's key.
 */
function tokenSteps(route: TokenRoute) {
  return endpoint(async ({ request, services, user }) => {
    const { config } = services;
    const site = await siteFromRoute(services, request.params.site);
    // The OAuth grants check the flow switch themselves, answering in OAuth's format.
    if (!route.answersGrantType) checkFlowEnabled(site);
    const params = await readRequestParams(request, route.parameters);
    if (route.answersGrantType && params.has('grant_type'))
      return oauthTokenRequest(
        services,
        site,
        route.issuer(config, request, site.siteId),
        request.method,
        params,
      );
    checkFlowEnabled(site);
    const tokenRequest = checkTokenRequest(params, site);
    if (!user) return signInChallenge(request, config.auth.loginProvider);

    const key = await siteSigningKey(services, site);
    const issuedAt = Math.floor(Date.now() / 1000);
    const claims = powerPagesClaims({
      user,
      siteId: site.siteId,
      issuerHost: route.issuer(config, request, site.siteId),
      clientId: tokenRequest.clientId,
      nonce: tokenRequest.nonce,
      issuedAt,
      lifetimeSeconds: site.tokenLifetimeSeconds,
    });
    const token = await signToken(claims, key);

    const headers: Record<string, string> = {
      'Content-Type': 'application/jwt',
      'Cache-Control': 'no-store',
      Pragma: 'no-cache',
      expires_in: String(site.tokenLifetimeSeconds),
    };
    if (tokenRequest.state !== undefined) headers.state = tokenRequest.state;
    return { status: 200, headers, body: token };
  });
}

const METHODS = ['GET', 'POST'] as const;

export const tokenHandler = siteCors(tokenSteps(POWER_PAGES_ROUTE), METHODS);
export const siteTokenHandler = siteCors(tokenSteps(SITE_ROUTE), METHODS);

app.http('power-pages-token', {
  route: '_services/auth/token',
  methods: [...METHODS, 'OPTIONS'],
  authLevel: 'anonymous',
  handler: tokenHandler,
});

app.http('oidc-token', {
  route: '{site}/oauth2/v1/token',
  methods: [...METHODS, 'OPTIONS'],
  authLevel: 'anonymous',
  handler: siteTokenHandler,
});
