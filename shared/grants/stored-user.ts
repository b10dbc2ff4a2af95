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

export function fromStoredUser(stored: StoredUser): SignedInUser {
  return { ...stored, claims: new Map() };
}

/** The JSON a Table property holds; a row that does not parse is treated as unknown. */
export function parseStoredUser(json: unknown): StoredUser | undefined {
  if (typeof json !== 'string') return undefined;
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
