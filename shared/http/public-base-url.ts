import type { HttpRequest } from '@azure/functions';
import type { AppConfig } from '../config.js';

/** PUBLIC_BASE_URL when set (behind a proxy or custom domain it must be), else the request's origin. */
export function publicBaseUrl(config: AppConfig, request: HttpRequest): URL {
  return config.publicBaseUrl ?? new URL(new URL(request.url).origin);
}
