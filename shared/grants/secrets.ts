import { createHash, randomBytes } from 'node:crypto';

/** 256 bits of randomness as base64url (43 characters): codes and refresh token secrets. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** 128 bits as base64url (22 characters): family ids, unguessable but shorter than a secret. */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * SHA-256 as base64url: how codes and refresh tokens are stored (a leaked table holds nothing
 * that can be presented), and a legal Table key (no `/`, `\`, `#` or `?`).
 */
export function sha256Key(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}

export const BASE64URL_43 = /^[A-Za-z0-9_-]{43}$/;
const BASE64URL_22 = /^[A-Za-z0-9_-]{22}$/;

/**
 * The partition of a user's refresh token families at a site: SHA-256 of both, so the key is
 * legal whatever the user id holds, and the token names no user in clear text.
 */
export function userPartition(siteId: string, userId: string): string {
  return sha256Key(`${siteId}\n${userId}`);
}

/** The family a redeemed code starts, derived from the code's id: no lookup is needed to revoke it. */
export function refreshFamilyForCode(codeId: string): string {
  return sha256Key(`refresh-family\n${codeId}`).slice(0, 22);
}

/**
 * Where a refresh token's family row is (the user's partition and the family id), read from
 * `<partition>.<family>.<secret>` (43, 22 and 43 base64url characters); undefined otherwise.
 */
export function readRefreshToken(token: string): { partition: string; familyId: string } | undefined {
  if (token.length !== 110) return undefined;
  const [partition, familyId, secret, ...rest] = token.split('.');
  if (rest.length > 0 || partition === undefined || familyId === undefined || secret === undefined)
    return undefined;
  if (!BASE64URL_43.test(partition) || !BASE64URL_22.test(familyId) || !BASE64URL_43.test(secret))
    return undefined;
  return { partition, familyId };
}
