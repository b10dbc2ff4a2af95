import { XMLSOAP } from './claim-types.js';

/**
 * When the X-MS-CLIENT-PRINCIPAL* headers are believed. App Service sets them (and strips any a
 * client sent) only when Easy Auth is on; beyond that, the principal must come from a provider
 * this service signs in with, and the headers must tell one story.
 */
export interface PrincipalTrust {
  /** WEBSITE_AUTH_ENABLED=True. */
  trustPrincipalHeaders: boolean;
  /** AUTH_LOGIN_PROVIDER's providers, lowercase: the only accepted X-MS-CLIENT-PRINCIPAL-IDP. */
  identityProviders: readonly string[];
}

/** The decoded X-MS-CLIENT-PRINCIPAL blob. */
export interface ClientPrincipal {
  authType: string | undefined;
  nameType: string | undefined;
  claims: ReadonlyMap<string, readonly string[]>;
}

/** Entra ID's -ID is the object id; other providers' is the subject (nameidentifier). */
const ID_CLAIM_TYPES = [
  'http://schemas.microsoft.com/identity/claims/objectidentifier',
  'oid',
  `${XMLSOAP}/nameidentifier`,
  'sub',
];
/**
 * -NAME is the user name (Entra ID: the UPN), which may differ from the email address and from
 * the short `name` claim (a display name in OpenID Connect): neither is compared.
 */
const NAME_CLAIM_TYPES = ['preferred_username', `${XMLSOAP}/name`, 'upn', `${XMLSOAP}/upn`];

/** One line for the start-up log: which principals this instance believes. */
export function describePrincipalTrust(trust: PrincipalTrust): string {
  return trust.trustPrincipalHeaders
    ? `Easy Auth principal headers trusted from identity provider(s) ${trust.identityProviders.join(', ')}`
    : 'Easy Auth principal headers ignored (WEBSITE_AUTH_ENABLED is not True): every request is anonymous';
}

/** Node hands header bytes over as Latin-1; Easy Auth sends UTF-8. Both readings may match. */
function readings(header: string): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: any character above one byte means not Latin-1 bytes
  if (/[^\u0000-\u00ff]/.test(header)) return [header];
  return [header, Buffer.from(header, 'latin1').toString('utf8')];
}

function agrees(header: string, principal: ClientPrincipal, types: readonly (string | undefined)[]): boolean {
  const values = types.flatMap((type) => (type ? (principal.claims.get(type) ?? []) : []));
  return values.length === 0 || readings(header).some((reading) => values.includes(reading));
}

/**
 * Why a principal that Easy Auth would have set is not believed, or undefined when it is: a
 * provider other than the configured ones, an X-MS-CLIENT-PRINCIPAL that cannot be read, or one
 * whose provider, id or name claims contradict the -IDP, -ID or -NAME headers.
 */
export function distrustReason(
  headers: { id: string; name: string; idp: string },
  principal: ClientPrincipal | 'unreadable' | undefined,
  trust: PrincipalTrust,
): string | undefined {
  const idp = headers.idp.toLowerCase();
  if (!trust.identityProviders.includes(idp)) return 'its identity provider is not AUTH_LOGIN_PROVIDER';
  if (principal === 'unreadable') return 'X-MS-CLIENT-PRINCIPAL cannot be read';
  if (!principal) return undefined;
  if (principal.authType !== undefined && principal.authType.toLowerCase() !== idp)
    return 'X-MS-CLIENT-PRINCIPAL names another identity provider';
  if (!agrees(headers.id, principal, ID_CLAIM_TYPES)) return 'X-MS-CLIENT-PRINCIPAL names another user id';
  if (headers.name && !agrees(headers.name, principal, [principal.nameType, ...NAME_CLAIM_TYPES]))
    return 'X-MS-CLIENT-PRINCIPAL names another user name';
  return undefined;
}
