import type { InvocationContext } from '@azure/functions';
import { describeCause, redact } from '../http/describe-cause.js';
import type { ServiceError } from './service-error.js';

/**
 * The one log line of a failure, for every endpoint: what failed (`head`, by default the code and
 * status), the correlation id the client got, the internal detail and a short description of the
 * cause, both redacted (no token, key or signature). Never a stack trace. Server faults (5xx) are
 * errors, the client's mistakes warnings.
 */
export function logFailure(
  invocation: Pick<InvocationContext, 'warn' | 'error'>,
  error: ServiceError,
  correlationId?: string,
  head = `${error.code} status=${error.status}`,
): void {
  const cause = describeCause(error.cause);
  const line =
    head +
    (correlationId ? ` correlationId=${correlationId}` : '') +
    (error.detail ? ` detail="${redact(error.detail)}"` : '') +
    (cause ? ` cause="${cause}"` : '');
  if (error.status >= 500) invocation.error(line);
  else invocation.warn(line);
}
