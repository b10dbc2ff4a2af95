import { app, type HttpRequest } from '@azure/functions';
import type { AppConfig } from '../shared/config.js';
import { OAuthError } from '../shared/errors/oauth-error.js';
import { StsError } from '../shared/errors/sts-error.js';
import { endpoint } from '../shared/http/endpoint.js';
import { publicBaseUrl } from '../shared/http/public-base-url.js';
import { pickParams, readParamSources } from '../shared/http/request-params.js';
import { isTokenDestination } from '../shared/http/security-headers.js';
import { oidcIssuer } from '../shared/oidc/issuer.js';
import { siteCors } from '../shared/oidc/site-cors.js';
import { siteFromRoute } from '../shared/oidc/site-from-route.js';
import { GRANT_PARAMETERS } from '../shared/oidc/token/grant-request.js';
import { isOAuthTokenRequest, oauthTokenRequest } from '../shared/oidc/token/oauth-token-request.js';
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
  /** What a request for the token as a script, style, image, ... gets (403): each route's error kind. */
  embeddedRequest(): Error;
  issuer(config: AppConfig, request: HttpRequest, siteId: string): string;
}

/** Power Pages: the default site, `iss` the host of PUBLIC_BASE_URL; unknown parameters ignored. */
const POWER_PAGES_ROUTE: TokenRoute = {
  parameters: TOKEN_PARAMETERS,
  answersGrantType: false,
  embeddedRequest: () => new StsError('PortalSTS0022'),
  issuer: (config, request) => publicBaseUrl(config, request).host,
};

/**
 * `/{site}/oauth2/v1/token`: with grant_type, an OAuth token request (shared/oidc/token);
 * without, the same token as Power Pages' for the site, with its OpenID Connect issuer.
 */
const SITE_ROUTE: TokenRoute = {
  parameters: [...new Set([...TOKEN_PARAMETERS, ...GRANT_PARAMETERS])],
  answersGrantType: true,
  embeddedRequest: () =>
    new OAuthError('invalid_request', 'the token is only returned to fetch, XHR or a navigation', {
      status: 403,
    }),
  issuer: (config, request, siteId) => oidcIssuer(publicBaseUrl(config, request), siteId),
};

/**
 * Power Pages' token endpoint: the signed-in user's ID token for the browser app to send to an API.
 * Steps: the browser will not embed the answer (Sec-Fetch-Dest), the site exists and has the flow
 * on, the parameters are valid, the user is signed in (otherwise the sign-in challenge), then one
 * signature with the site's key.
 */
function tokenSteps(route: TokenRoute) {
  return endpoint(async ({ request, services, user }) => {
    // First: a page of another origin including this URL learns nothing, not even whether the site exists.
    if (!isTokenDestination(request)) throw route.embeddedRequest();
    const { config } = services;
    const site = await siteFromRoute(services, request.params.site);
    // The OAuth grants check the flow switch themselves, answering in OAuth's format.
    if (!route.answersGrantType) checkFlowEnabled(site);
    const sources = await readParamSources(request);
    if (route.answersGrantType && isOAuthTokenRequest(sources)) {
      const issuer = route.issuer(config, request, site.siteId);
      return oauthTokenRequest(services, site, issuer, request, sources, route.parameters);
    }
    const params = pickParams(sources, route.parameters);
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
