import type { InvocationContext } from '@azure/functions';
import type { StsError } from '../../errors/sts-error.js';
import { describeCause, redact } from '../../http/describe-cause.js';
import type { AuthorizeError } from './authorize-error.js';

function tail(detail: string | undefined, cause: unknown): string {
  const described = describeCause(cause);
  return (detail ? ` detail="${redact(detail)}"` : '') + (described ? ` cause="${described}"` : '');
}

/** A failure shown as a page: the same line shape as the JSON endpoints' failures. */
export function logPageFailure(invocation: InvocationContext, error: StsError, correlationId: string): void {
  const line = `${error.id} status=${error.status} correlationId=${correlationId}${tail(error.detail, error.cause)}`;
  if (error.status >= 500) invocation.error(line);
  else invocation.warn(line);
}

/**
 * A failure sent back to the client. Never the redirect URI with its parameters, the state or a
 * token: only the error code, the PortalSTS id of a server fault, and the internal detail.
 */
export function logRedirectedFailure(
  invocation: InvocationContext,
  error: AuthorizeError,
  correlationId: string,
  faultId: string | undefined,
): void {
  const line =
    `authorize error=${error.code}${faultId ? ` id=${faultId}` : ''} correlationId=${correlationId}` +
    tail(error.detail, error.cause);
  if (error.code === 'server_error' || error.code === 'temporarily_unavailable') invocation.error(line);
  else invocation.warn(line);
}
