import type { HttpHandler } from '@azure/functions';
import { installFunctionsCore } from '../../../dev/functions-core.js';

export interface TokenHandlers {
  /** `/_services/auth/token`: the default site. */
  tokenHandler: HttpHandler;
  /** `/{tenant}/oauth2/v1/token`: the tenant's site and key. */
  tenantTokenHandler: HttpHandler;
}

/**
 * Imports functions/token.ts the way the host does. The functions-core stand-in goes in first, so
 * `app.http(...)` registers quietly into the dev registry instead of @azure/functions' test mode.
 */
export async function loadTokenHandlers(): Promise<TokenHandlers> {
  installFunctionsCore();
  const module = await import('../../../functions/token.js');
  return { tokenHandler: module.tokenHandler, tenantTokenHandler: module.siteTokenHandler };
}
