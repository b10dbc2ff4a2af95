/**
 * Claim types as Easy Auth passes them on: short OIDC names from Entra ID / B2C / other OpenID
 * providers, and the WS-Federation (xmlsoap) URIs that Entra ID's v1 tokens and .NET use.
 * First match wins.
 */
export const XMLSOAP = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';

export const CLAIM_TYPES = {
  email: ['email', 'emails', `${XMLSOAP}/emailaddress`],
  givenName: ['given_name', `${XMLSOAP}/givenname`],
  familyName: ['family_name', `${XMLSOAP}/surname`],
  phoneNumber: ['phone_number', `${XMLSOAP}/mobilephone`, `${XMLSOAP}/homephone`, `${XMLSOAP}/otherphone`],
  locale: ['locale', 'xms_pl', 'xms_tpl'],
  name: ['preferred_username', 'name', `${XMLSOAP}/name`],
  // Entra ID's v2 ID tokens carry no auth_time; their iat is when Easy Auth signed the user in.
  authTime: ['auth_time', 'iat'],
} as const;
