import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../../services.js';
import { readSignedInUser, type SignedInUser } from '../../user/signed-in-user.js';
import { type AuthorizeProgress, renderAuthorizeFailure } from './render-failure.js';

/** What an authorize flow's steps work with. */
export interface AuthorizeContext {
  request: HttpRequest;
  invocation: InvocationContext;
  services: Services;
  user: SignedInUser | undefined;
  /** Filled in by the steps as they verify the request; tells the failure renderer where to answer. */
  progress: AuthorizeProgress;
}

export type AuthorizeFlow = (ctx: AuthorizeContext) => Promise<HttpResponseInit>;

/**
 * Wraps an authorize flow into an HTTP handler. Like shared/http/endpoint.ts, but failures are
 * rendered for a browser (a page, or an error sent to the client's redirect URI), never as JSON.
 * No CORS headers, ever: this endpoint is navigated to, not fetched.
 */
export function authorizeEndpoint(flow: AuthorizeFlow): HttpHandler {
  return async (request, invocation) => {
    const progress: AuthorizeProgress = {};
    try {
      const services = await getServices();
      const user = readSignedInUser(request.headers, services.config.auth, (line) => invocation.warn(line));
      progress.user = user;
      return await flow({ request, invocation, services, user, progress });
    } catch (thrown) {
      return renderAuthorizeFailure(thrown, request, invocation, progress);
    }
  };
}
