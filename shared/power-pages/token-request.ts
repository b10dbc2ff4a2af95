import { StsError } from '../errors/sts-error.js';
import type { RequestParams } from '../http/request-params.js';
import { checkRegisteredClient } from '../oidc/authorize/check-client.js';
import type { SiteSettings } from '../settings/site-settings.js';

/** The parameters of `/_services/auth/token`; all optional, unknown ones ignored. */
export const TOKEN_PARAMETERS = ['client_id', 'state', 'nonce', 'response_type'] as const;

/**
 * state and nonce: at most 20 printable ASCII characters. state is echoed in a response header, so
 * CR, LF and other control characters (header injection) and non-ASCII (not valid in a header) are
 * out, and so are leading and trailing spaces, which HTTP strips from header values: the client
 * would get back a different state than it sent.
 */
const STATE_OR_NONCE = /^[\x21-\x7e](?:[\x20-\x7e]{0,18}[\x21-\x7e])?$/;

export function isPowerPagesStateOrNonce(value: string): boolean {
  return STATE_OR_NONCE.test(value);
}

export function checkFlowEnabled(site: SiteSettings): void {
  if (!site.flowEnabled)
    throw new StsError('PortalSTS0008', { detail: `flow disabled for site '${site.siteId}'` });
}

export function checkResponseType(params: RequestParams): void {
  const responseType = params.get('response_type');
  if (responseType !== undefined && responseType !== 'token') {
    throw new StsError('PortalSTS0007', { detail: 'unsupported response_type' });
  }
}

/** state (PortalSTS0003) or nonce (PortalSTS0004): one rule for both, STATE_OR_NONCE above. */
function checkEchoed(params: RequestParams, name: 'state' | 'nonce'): string | undefined {
  const value = params.get(name);
  if (value !== undefined && !isPowerPagesStateOrNonce(value))
    throw new StsError(name === 'state' ? 'PortalSTS0003' : 'PortalSTS0004', { detail: `invalid ${name}` });
  return value;
}

/** Runs the checks in Power Pages' order: response type, client, then the echoed values. */
export function checkTokenRequest(params: RequestParams, site: SiteSettings) {
  checkResponseType(params);
  const named = params.get('client_id');
  const clientId =
    named === undefined ? undefined : checkRegisteredClient(named, site, 'malformed client_id');
  return { clientId, state: checkEchoed(params, 'state'), nonce: checkEchoed(params, 'nonce') };
}
