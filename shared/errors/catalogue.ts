/**
 * Every failure the service can report, in one closed list. The id is what clients, logs and the
 * README's error table use; the status is the HTTP status it is rendered with. Messages live in
 * shared/i18n (one per id and language), so this file stays the single list to read.
 *
 * PortalSTS0001, 0007 and 0018 keep the ids Power Pages uses for the same failures.
 */
export const ERROR_CATALOGUE = {
  PortalSTS0001: { status: 400, summary: 'client_id is not registered for this site' },
  PortalSTS0002: {
    status: 400,
    summary: 'client_id is malformed (over 36 characters, or not letters, digits and hyphen)',
  },
  PortalSTS0003: { status: 400, summary: 'state is over 20 characters or not printable ASCII' },
  PortalSTS0004: { status: 400, summary: 'nonce is over 20 characters or not printable ASCII' },
  PortalSTS0005: { status: 400, summary: 'a parameter was sent more than once' },
  PortalSTS0006: { status: 415, summary: 'POST body is not application/x-www-form-urlencoded' },
  PortalSTS0007: { status: 400, summary: 'response_type is not supported (only token)' },
  PortalSTS0008: { status: 403, summary: 'the implicit grant flow is turned off for this site' },
  PortalSTS0009: { status: 404, summary: 'the site does not exist (it has no settings)' },
  PortalSTS0010: { status: 503, summary: 'the site settings store could not be reached' },
  PortalSTS0011: { status: 503, summary: 'the certificate store could not be reached' },
  PortalSTS0012: {
    status: 500,
    summary: 'the service is misconfigured (an app setting is missing or invalid)',
  },
  PortalSTS0013: { status: 500, summary: 'the site thumbprint setting is not a SHA-1 thumbprint' },
  PortalSTS0014: {
    status: 500,
    summary: 'the signing certificate is unusable (no private key, or an unsupported key)',
  },
  PortalSTS0015: { status: 405, summary: 'the HTTP method is not allowed on this route' },
  PortalSTS0016: { status: 413, summary: 'the request body is too large' },
  PortalSTS0017: { status: 400, summary: 'the request is malformed (bad encoding or too many parameters)' },
  PortalSTS0018: { status: 500, summary: 'no certificate matches the configured thumbprint' },
  PortalSTS0019: { status: 500, summary: 'an unexpected internal error' },
  PortalSTS0020: {
    status: 400,
    summary: 'redirect_uri is missing, or not registered for the client (never redirected to)',
  },
  PortalSTS0021: { status: 400, summary: 'client_id is missing where the endpoint requires it' },
  PortalSTS0022: {
    status: 403,
    summary: 'a token was requested as a script, style, image or other embedded resource (Sec-Fetch-Dest)',
  },
  PortalSTS0023: {
    status: 400,
    summary: 'post_logout_redirect_uri is not registered for the client (never redirected to)',
  },
  PortalSTS0024: {
    status: 400,
    summary: "id_token_hint is not an ID token of this site's issuer for the client",
  },
} as const satisfies Record<string, { status: number; summary: string }>;

export type ErrorId = keyof typeof ERROR_CATALOGUE;

export const ERROR_IDS = Object.keys(ERROR_CATALOGUE) as ErrorId[];
