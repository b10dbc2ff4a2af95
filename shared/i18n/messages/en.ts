import type { ErrorId } from '../../errors/catalogue.js';

// Typed as a full Record so a new ErrorId without a message fails to compile.
// PortalSTS0001 is Power Pages' text, word for word, so clients matching on it keep working.
export const en: Record<ErrorId, string> = {
  PortalSTS0001:
    'Client Id provided in the request is not a valid client Id registered for this portal. Please check the parameter and try again.',
  PortalSTS0002:
    'The client_id parameter is not valid. It must be at most 36 characters of letters, digits and hyphens.',
  PortalSTS0003: 'The state parameter is not valid. It must be at most 20 printable ASCII characters.',
  PortalSTS0004: 'The nonce parameter is not valid. It must be at most 20 printable ASCII characters.',
  PortalSTS0005: 'A parameter was sent more than once. Send each parameter once and try again.',
  PortalSTS0006: 'The request body must be sent as application/x-www-form-urlencoded.',
  PortalSTS0007: "The response type provided in the request is not supported. Only 'token' is supported.",
  PortalSTS0008: 'The OAuth 2.0 implicit grant flow is turned off for this portal.',
  PortalSTS0009: 'The requested site was not found.',
  PortalSTS0010: "The token service could not read the site's settings. Please try again later.",
  PortalSTS0011: 'The token service could not reach its certificate store. Please try again later.',
  PortalSTS0012: 'The token service is not configured correctly. Please contact the site administrator.',
  PortalSTS0013:
    "The site's signing certificate thumbprint setting is not valid. Please contact the site administrator.",
  PortalSTS0014:
    "The site's signing certificate cannot be used to sign tokens. Please contact the site administrator.",
  PortalSTS0015: 'This HTTP method is not allowed on this address.',
  PortalSTS0016: 'The request is too large.',
  PortalSTS0017: 'The request is malformed.',
  PortalSTS0018:
    'The certificate configured for this portal was not found. Please contact the site administrator.',
  PortalSTS0019: 'An unexpected error occurred. Please try again later.',
  PortalSTS0020:
    'The redirect_uri parameter is missing or is not registered for this client. The request was not sent back to the application.',
  PortalSTS0021: 'The client_id parameter is missing. The application must identify itself.',
  PortalSTS0022:
    "This address returns a token only to the application's own requests, not to a script, style sheet, image or other embedded resource.",
  PortalSTS0023:
    'The post_logout_redirect_uri parameter is not registered for this client. You have not been sent back to the application.',
  PortalSTS0024:
    'The id_token_hint parameter is not an ID token this site issued to this client. The sign-out request was not carried out.',
};
