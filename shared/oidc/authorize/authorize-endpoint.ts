import { randomUUID } from 'node:crypto';
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { logFailure } from '../../errors/log-failure.js';
import { ServiceError } from '../../errors/service-error.js';
import { StsError } from '../../errors/sts-error.js';
import type { EndpointContext } from '../../http/endpoint.js';
import { buildErrorDocument } from '../../http/error-document.js';
import { htmlErrorPage } from '../../http/html-error-page.js';
import { withNosniff } from '../../http/security-headers.js';
import { getServices } from '../../services.js';
import { readSignedInUser, type SignedInUser } from '../../user/signed-in-user.js';
import { authorizationResponse, type ReplyTo } from './authorization-response.js';
import { AuthorizeError, type AuthorizeErrorCode } from './authorize-error.js';
import { pageLanguage } from './page-language.js';

/** How far an authorize request got: what the one failure renderer needs to choose. */
export interface AuthorizeProgress {
  user?: SignedInUser | undefined;
  uiLocales?: string | undefined;
  /** Set once client_id and redirect_uri are verified: from then on, failures go back to the client. */
  replyTo?: ReplyTo;
}

/** What an authorize flow's steps work with. */
export interface AuthorizeContext extends EndpointContext {
  /** Filled in by the steps as they verify the request; tells the failure renderer where to answer. */
  progress: AuthorizeProgress;
}

/** Before the redirect URI is verified: a PortalSTS error (anything else is an internal one). */
function asPageError(thrown: unknown): StsError {
  if (thrown instanceof StsError) return thrown;
  const id = thrown instanceof AuthorizeError ? 'PortalSTS0017' : 'PortalSTS0019';
  return new StsError(id, { detail: 'failure before the redirect_uri was verified', cause: thrown });
}

/**
 * After it: an OAuth error. Any other failure (a PortalSTS one, or an unexpected one, which
 * counts as PortalSTS0019) becomes temporarily_unavailable (a store that answers 503),
 * server_error or invalid_request, with its id and the correlation id for support and never
 * any internal detail.
 */
function asRedirectedError(
  thrown: unknown,
  correlationId: string,
): { error: AuthorizeError; faultId?: string } {
  if (thrown instanceof AuthorizeError) return { error: thrown };
  const fault =
    thrown instanceof ServiceError && thrown.exposable
      ? thrown
      : new StsError('PortalSTS0019', { cause: thrown });
  const options = { detail: fault.detail, cause: fault.cause };
  const reference = `(${fault.code}, correlation id ${correlationId})`;
  const [code, text]: [AuthorizeErrorCode, string] =
    fault.status === 503
      ? ['temporarily_unavailable', 'the service is busy or a store is down; try again later']
      : fault.status >= 500
        ? ['server_error', 'the service failed']
        : ['invalid_request', 'the request is not valid'];
  const error = new AuthorizeError(code, `${text} ${reference}`, options);
  return { error, faultId: fault.code };
}

/**
 * The one place an authorize failure becomes a response. Until the client's redirect_uri is
 * verified nothing may be sent to it (an open redirector would hand errors, and phishing, to any
 * URI), so the user gets an HTML page with the PortalSTS id, message and correlation id. After
 * that, the client gets error, error_description, state and iss at its redirect URI in its
 * response mode (RFC 6749 4.2.2.1). The log line never holds the redirect URI, state or a token.
 */
function renderAuthorizeFailure(
  thrown: unknown,
  request: HttpRequest,
  invocation: InvocationContext,
  progress: AuthorizeProgress,
): HttpResponseInit {
  const language = pageLanguage(
    progress.user?.locale,
    request.headers.get('accept-language'),
    progress.uiLocales,
  );
  const { replyTo } = progress;
  if (!replyTo) {
    const error = asPageError(thrown);
    const document = buildErrorDocument(error.id, language);
    logFailure(invocation, error, document.CorrelationId);
    return htmlErrorPage(error, document, language);
  }
  const correlationId = randomUUID();
  const { error, faultId } = asRedirectedError(thrown, correlationId);
  logFailure(
    invocation,
    error,
    correlationId,
    `authorize error=${error.code}${faultId ? ` id=${faultId}` : ''}`,
  );
  return authorizationResponse(
    replyTo,
    [
      ['error', error.code],
      ['error_description', error.description],
    ],
    { language, method: request.method, headers: { 'x-correlation-id': correlationId } },
  );
}

/**
 * Wraps an authorize flow into an HTTP handler. Like shared/http/endpoint.ts, but failures are
 * rendered for a browser (a page, or an error sent to the client's redirect URI), never as JSON.
 * No CORS headers, ever: this endpoint is navigated to, not fetched. The shared security headers
 * (shared/http/security-headers.ts) are on every response.
 */
export function authorizeEndpoint(flow: (ctx: AuthorizeContext) => Promise<HttpResponseInit>): HttpHandler {
  return async (request, invocation) => {
    const progress: AuthorizeProgress = {};
    try {
      const services = await getServices();
      const user = readSignedInUser(request.headers, services.config.auth, (line) => invocation.warn(line));
      progress.user = user;
      return withNosniff(await flow({ request, invocation, services, user, progress }));
    } catch (thrown) {
      return withNosniff(renderAuthorizeFailure(thrown, request, invocation, progress));
    }
  };
}
