import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { isStsError, StsError } from '../errors/sts-error.js';
import { negotiateLanguage } from '../i18n/negotiate-language.js';
import { getServices, type Services } from '../services.js';
import { readSignedInUser, type SignedInUser } from '../user/signed-in-user.js';
import { describeCause } from './describe-cause.js';
import { errorResponse } from './error-document.js';

/** What an endpoint's steps work with. */
export interface EndpointContext {
  request: HttpRequest;
  invocation: InvocationContext;
  services: Services;
  /** The Easy Auth user, or undefined when anonymous (or when the headers may not be trusted). */
  user: SignedInUser | undefined;
}

export type EndpointRun = (ctx: EndpointContext) => Promise<HttpResponseInit>;

function logFailure(invocation: InvocationContext, error: StsError, correlationId: string): void {
  const cause = describeCause(error.cause);
  const line =
    `${error.id} status=${error.status} correlationId=${correlationId}` +
    (error.detail ? ` detail="${error.detail}"` : '') +
    (cause ? ` cause="${cause}"` : '');
  if (error.status >= 500) invocation.error(line);
  else invocation.warn(line);
}

/**
 * The one place that turns a failure into a response: any StsError keeps its id and status, and
 * anything else becomes PortalSTS0019. The client gets the error document in the user's language;
 * the log line gets the correlation id, the internal detail and a redacted cause, never a stack.
 */
export function renderFailure(
  thrown: unknown,
  request: HttpRequest,
  invocation: InvocationContext,
  user: SignedInUser | undefined,
): HttpResponseInit {
  const error = isStsError(thrown)
    ? thrown
    : new StsError('PortalSTS0019', { detail: 'unhandled error', cause: thrown });
  const language = negotiateLanguage(user?.locale, request.headers.get('accept-language') ?? undefined);
  const { response, document } = errorResponse(error, language);
  logFailure(invocation, error, document.CorrelationId);
  return response;
}

/** Wraps an endpoint's steps into an Azure Functions HTTP handler with the shared error handling. */
export function endpoint(run: EndpointRun): HttpHandler {
  return async (request, invocation) => {
    let user: SignedInUser | undefined;
    try {
      const services = await getServices();
      user = readSignedInUser(request.headers, services.config.auth, (line) => invocation.warn(line));
      return await run({ request, invocation, services, user });
    } catch (error) {
      return renderFailure(error, request, invocation, user);
    }
  };
}
