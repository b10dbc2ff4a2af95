import { randomUUID } from 'node:crypto';
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { ErrorId } from '../../errors/catalogue.js';
import { isStsError, StsError } from '../../errors/sts-error.js';
import { buildErrorDocument } from '../../http/error-document.js';
import { htmlErrorPage } from '../../http/html-error-page.js';
import type { SignedInUser } from '../../user/signed-in-user.js';
import { authorizationResponse, type ReplyTo } from './authorization-response.js';
import { AuthorizeError, isAuthorizeError } from './authorize-error.js';
import { logPageFailure, logRedirectedFailure } from './log-failure.js';
import { pageLanguage } from './page-language.js';

/** How far an authorize request got: what the one failure renderer needs to choose. */
export interface AuthorizeProgress {
  user?: SignedInUser | undefined;
  uiLocales?: string | undefined;
  /** Set once client_id and redirect_uri are verified: from then on, failures go back to the client. */
  replyTo?: ReplyTo;
}

/** Before the redirect URI is verified: a PortalSTS error (anything else is an internal one). */
function asPageError(thrown: unknown): StsError {
  if (isStsError(thrown)) return thrown;
  const id: ErrorId = isAuthorizeError(thrown) ? 'PortalSTS0017' : 'PortalSTS0019';
  return new StsError(id, { detail: 'failure before the redirect_uri was verified', cause: thrown });
}

/**
 * After it: an OAuth error. A server fault becomes temporarily_unavailable (a store that answers
 * 503) or server_error, with the correlation id for support and never any internal detail.
 */
function asRedirectedError(
  thrown: unknown,
  correlationId: string,
): { error: AuthorizeError; faultId?: ErrorId } {
  if (isAuthorizeError(thrown)) return { error: thrown };
  const fault = isStsError(thrown) ? thrown : new StsError('PortalSTS0019', { cause: thrown });
  const options = { detail: fault.detail, cause: fault.cause };
  const reference = `(${fault.id}, correlation id ${correlationId})`;
  if (fault.status === 503) {
    return {
      faultId: fault.id,
      error: new AuthorizeError(
        'temporarily_unavailable',
        `the service is busy or a store is down; try again later ${reference}`,
        options,
      ),
    };
  }
  if (fault.status >= 500)
    return {
      faultId: fault.id,
      error: new AuthorizeError('server_error', `the service failed ${reference}`, options),
    };
  return {
    faultId: fault.id,
    error: new AuthorizeError('invalid_request', `the request is not valid ${reference}`, options),
  };
}

/**
 * The one place an authorize failure becomes a response. Until the client's redirect_uri is
 * verified nothing may be sent to it (an open redirector would hand errors, and phishing, to any
 * URI), so the user gets an HTML page with the PortalSTS id, message and correlation id. After
 * that, the client gets error, error_description, state and iss at its redirect URI in its
 * response mode (RFC 6749 4.2.2.1).
 */
export function renderAuthorizeFailure(
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
    logPageFailure(invocation, error, document.CorrelationId);
    return htmlErrorPage(error, document, language);
  }
  const correlationId = randomUUID();
  const { error, faultId } = asRedirectedError(thrown, correlationId);
  logRedirectedFailure(invocation, error, correlationId, faultId);
  return authorizationResponse(
    replyTo,
    [
      ['error', error.code],
      ['error_description', error.description],
    ],
    { language, method: request.method, headers: { 'x-correlation-id': correlationId } },
  );
}
