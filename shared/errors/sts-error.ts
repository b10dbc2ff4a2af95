import { ERROR_CATALOGUE, type ErrorId } from './catalogue.js';
import { ServiceError, type ServiceErrorOptions } from './service-error.js';

/**
 * A failure with a PortalSTS id: rendered as the Power Pages error document (JSON endpoints) or
 * the error page (authorize, before the redirect URI is verified). The client sees only the id and
 * its localised message; `detail` and `cause` go to the log line. The status is the catalogue's.
 */
export class StsError extends ServiceError {
  declare readonly code: ErrorId;

  constructor(id: ErrorId, options: Omit<ServiceErrorOptions, 'status'> = {}) {
    const { status, summary } = ERROR_CATALOGUE[id];
    super(id, `${id}: ${options.detail ?? summary}`, { ...options, status, exposable: true });
  }

  get id(): ErrorId {
    return this.code;
  }
}
