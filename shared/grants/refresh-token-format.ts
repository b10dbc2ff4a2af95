import { BASE64URL_22, BASE64URL_43, sha256Key } from './secrets.js';

/** Where a refresh token's family row is: the user's partition and the family id. */
export interface RefreshTokenParts {
  partition: string;
  familyId: string;
}

/**
 * The partition of a user's families at a site: SHA-256 of both, so the key is legal whatever the
 * user id holds, and the token names no user in clear text.
 */
export function userPartition(siteId: string, userId: string): string {
  return sha256Key(`${siteId}\n${userId}`);
}

/** The family a redeemed code starts, derived from the code's id: no lookup is needed to revoke it. */
export function refreshFamilyForCode(codeId: string): string {
  return sha256Key(`refresh-family\n${codeId}`).slice(0, 22);
}

/** `<partition>.<family>.<secret>` (43, 22 and 43 base64url characters), or undefined. */
export function readRefreshToken(token: string): RefreshTokenParts | undefined {
  if (token.length !== 110) return undefined;
  const [partition, familyId, secret, ...rest] = token.split('.');
  if (rest.length > 0 || partition === undefined || familyId === undefined || secret === undefined)
    return undefined;
  if (!BASE64URL_43.test(partition) || !BASE64URL_22.test(familyId) || !BASE64URL_43.test(secret))
    return undefined;
  return { partition, familyId };
}
