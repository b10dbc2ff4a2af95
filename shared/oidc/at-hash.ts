import { createHash } from 'node:crypto';

/**
 * OIDC Core 3.2.2.9: the left half of the hash of the access token's ASCII octets, base64url.
 * Both algorithms we sign with (RS256, ES256) use SHA-256.
 */
export function atHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}
