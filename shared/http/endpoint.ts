import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { BearerError } from '../errors/bearer-error.js';
import { logFailure } from '../errors/log-failure.js';
import { OAuthError } from '../errors/oauth-error.js';
import { StsError } from '../errors/sts-error.js';
import { negotiateLanguage } from '../i18n/negotiate-language.js';
import { bearerChallenge } from '../oidc/bearer-challenge.js';
import { getServices, type Services } from '../services.js';
import { readSignedInUser, type SignedInUser } from '../user/signed-in-user.js';
import { errorResponse } from './error-document.js';
import { noStoreJson } from './no-store-json.js';

/** What an endpoint's steps work with. */
export interface EndpointContext {
  request: HttpRequest;
  invocation: InvocationContext;
  services: Services;
  /** The Easy Auth user, or undefined when anonymous (or when the headers may not be trusted). */
  user: SignedInUser | undefined;
}

export type EndpointRun = (ctx: EndpointContext) => Promise<HttpResponseInit>;

export interface EndpointOptions {
  /**
   * What a failure that is none of the rendered kinds becomes: PortalSTS0019 (the default), or
   * OAuth's `server_error` on an endpoint that speaks only OAuth (no PortalSTS document).
   */
  unexpected?: 'PortalSTS0019' | 'server_error';
}

type Rendered = StsError | OAuthError | BearerError;

function rendered(thrown: unknown, unexpected: EndpointOptions['unexpected']): Rendered {
  if (thrown instanceof StsError || thrown instanceof OAuthError || thrown instanceof BearerError)
    return thrown;
  const options = { detail: 'unhandled error', cause: thrown };
  return unexpected === 'server_error'
    ? new OAuthError('server_error', 'the service failed', options)
    : new StsError('PortalSTS0019', options);
}

/**
 * The one place that turns a failure of a JSON endpoint into a response. Handlers only throw; the
 * error's class picks the rendering:
 * - StsError: the Power Pages error document in the user's language, with a correlation id;
 * - OAuthError: RFC 6749 5.2 `{error, error_description}`, never cached;
 * - BearerError: the RFC 6750 challenge (userinfo);
 * - anything else (an AuthorizeError or an internal error included): see `unexpected`, without its
 *   message. The authorize endpoint has its own wrapper (shared/oidc/authorize/authorize-endpoint.ts):
 *   a page, or the client's verified redirect URI. Every kind is logged by shared/errors/log-failure.ts.
 */
export function renderFailure(
  thrown: unknown,
  request: HttpRequest,
  invocation: InvocationContext,
  user: SignedInUser | undefined,
  options: EndpointOptions = {},
): HttpResponseInit {
  const error = rendered(thrown, options.unexpected);
  if (error instanceof StsError) {
    const language = negotiateLanguage(user?.locale, request.headers.get('accept-language') ?? undefined);
    const { response, document } = errorResponse(error, language);
    logFailure(invocation, error, document.CorrelationId);
    return response;
  }
  logFailure(invocation, error);
  if (error instanceof BearerError) return bearerChallenge(error);
  return noStoreJson(
    { error: error.code, error_description: error.description },
    error.status,
    error.headers,
  );
}

/** Wraps an endpoint's steps into an Azure Functions HTTP handler with the shared error handling. */
export function endpoint(run: EndpointRun, options: EndpointOptions = {}): HttpHandler {
  return async (request, invocation) => {
    let user: SignedInUser | undefined;
    try {
      const services = await getServices();
      user = readSignedInUser(request.headers, services.config.auth, (line) => invocation.warn(line));
      return await run({ request, invocation, services, user });
    } catch (error) {
      return renderFailure(error, request, invocation, user, options);
    }
  };
}
