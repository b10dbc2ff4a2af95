import { StsError } from '../../errors/sts-error.js';
import type { RequestParams } from '../../http/request-params.js';
import type { SiteSettings } from '../../settings/site-settings.js';
import { checkRegisteredClient, forLog } from '../authorize/check-client.js';
import type { Continuation } from './continuation.js';
import type { VerifiedHint } from './id-token-hint.js';

/** OpenID Connect RP-Initiated Logout 1.0 section 2 (logout_hint is not supported and ignored). */
export const LOGOUT_PARAMETERS = [
  'id_token_hint',
  'post_logout_redirect_uri',
  'state',
  'client_id',
  'ui_locales',
] as const;

/** The longest state carried through the sign-out: it travels in the signed continuation URL. */
export const MAX_LOGOUT_STATE = 1024;

/** What a checked sign-out request asks for. */
export interface LogoutTarget {
  /** The client signing the user out: from client_id, or the hint's audience. */
  clientId: string | undefined;
  /**
   * Where the browser goes after Easy Auth's sign-out: a registered post_logout_redirect_uri of that
   * client, with the client's state; undefined for Easy Auth's own page.
   */
  continuation: Continuation | undefined;
}

/**
 * The client: client_id when sent, which a hint's `aud` must then name; else the hint's single
 * registered audience. A hint for another client is PortalSTS0024.
 */
function resolveClient(
  params: RequestParams,
  site: SiteSettings,
  hint: VerifiedHint | undefined,
): string | undefined {
  const named = params.get('client_id');
  const clientId = named === undefined ? undefined : checkRegisteredClient(named, site);
  if (!hint) return clientId;
  if (clientId !== undefined) {
    if (!hint.audiences.includes(clientId))
      throw new StsError('PortalSTS0024', { detail: `id_token_hint aud does not name '${clientId}'` });
    return clientId;
  }
  const registered = hint.audiences.filter((aud) => site.registeredClientIds.has(aud));
  if (registered.length !== 1 || hint.audiences.length !== 1)
    throw new StsError('PortalSTS0024', { detail: 'id_token_hint aud is not one registered client' });
  return registered[0];
}

/**
 * Checks a sign-out request before anything is done: the client, and the post_logout_redirect_uri
 * against the client's registered ones by exact string comparison (no normalisation, as for
 * redirect URIs). An unregistered URI is PortalSTS0023, a page: it is never redirected to. A
 * post_logout_redirect_uri without a client to check it against is PortalSTS0021.
 */
export function checkLogoutRequest(
  params: RequestParams,
  site: SiteSettings,
  hint: VerifiedHint | undefined,
): LogoutTarget {
  const clientId = resolveClient(params, site, hint);
  const state = params.get('state');
  if (state !== undefined && state.length > MAX_LOGOUT_STATE)
    throw new StsError('PortalSTS0017', { detail: `state of ${state.length} characters` });
  const uri = params.get('post_logout_redirect_uri');
  if (uri === undefined) return { clientId, continuation: undefined };
  if (clientId === undefined)
    throw new StsError('PortalSTS0021', {
      detail: 'post_logout_redirect_uri without client_id or id_token_hint',
    });
  if (!site.postLogoutRedirectUris(clientId).includes(uri))
    throw new StsError('PortalSTS0023', {
      detail: `post_logout_redirect_uri ${forLog(uri)} not registered for client '${clientId}'`,
    });
  return { clientId, continuation: { clientId, redirectUri: uri, state } };
}
