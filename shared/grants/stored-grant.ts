import type { SignedInUser } from '../user/signed-in-user.js';

/**
 * The user as a code or refresh token keeps them: the fields the ID token and userinfo release.
 * The raw principal claims are left out: they can be kilobytes, and no token carries them.
 */
export type StoredUser = Omit<SignedInUser, 'claims'>;

export function toStoredUser(user: SignedInUser): StoredUser {
  const { claims: _claims, ...stored } = user;
  return stored;
}

/** What a code or refresh token stands for; the tokens it yields come from this, not from a session. */
export interface StoredGrant {
  siteId: string;
  clientId: string;
  user: StoredUser;
  scopes: string[];
  /** Seconds since the epoch of the user's sign-in. */
  authTime: number;
}

/** The Table properties of a StoredGrant, the same in the code and refresh token tables. */
export interface GrantColumns {
  SiteId: string;
  ClientId: string;
  User: string;
  Scope: string;
  AuthTime: number;
}

export function grantColumns(grant: StoredGrant): GrantColumns {
  return {
    SiteId: grant.siteId,
    ClientId: grant.clientId,
    User: JSON.stringify(grant.user),
    Scope: grant.scopes.join(' '),
    AuthTime: grant.authTime,
  };
}

/** The JSON a Table property holds; a row that does not parse (or lacks it) is treated as unknown. */
function parseStoredUser(json: string): StoredUser | undefined {
  try {
    const value = JSON.parse(json) as Partial<StoredUser>;
    if (typeof value.id !== 'string' || value.id === '') return undefined;
    const text = (field: unknown) => (typeof field === 'string' ? field : '');
    return {
      id: value.id,
      name: text(value.name),
      identityProvider: text(value.identityProvider),
      email: text(value.email),
      givenName: text(value.givenName),
      familyName: text(value.familyName),
      phoneNumber: text(value.phoneNumber),
      locale: typeof value.locale === 'string' ? value.locale : undefined,
      authTime: typeof value.authTime === 'number' ? value.authTime : undefined,
    };
  } catch {
    return undefined;
  }
}

/** The grant a row holds, or undefined when its user does not parse. */
export function grantOfColumns(row: GrantColumns): StoredGrant | undefined {
  const user = parseStoredUser(row.User);
  if (!user) return undefined;
  return {
    siteId: row.SiteId,
    clientId: row.ClientId,
    user,
    scopes: row.Scope.split(' ').filter(Boolean),
    authTime: row.AuthTime,
  };
}
