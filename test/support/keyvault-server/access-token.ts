import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The fake managed identity's access tokens: an audience and an expiry, HMAC-signed with a key
 * the test run shares (KEYVAULT_TEST_TOKEN_KEY), so a vault server in any test process can tell
 * a token from the identity endpoint from anything else.
 */
export function issueAccessToken(tokenKey: string, resource: string, expiresOn: number): string {
  const body = Buffer.from(JSON.stringify({ aud: resource, exp: expiresOn })).toString('base64url');
  return `${body}.${createHmac('sha256', tokenKey).update(body).digest('base64url')}`;
}

export function isValidAccessToken(tokenKey: string, token: string, audience: string): boolean {
  const [body = '', signature = ''] = token.split('.');
  const expected = createHmac('sha256', tokenKey).update(body).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as { aud?: string; exp?: number };
  // The real clock, not Date: tests that freeze or move Date (vi.useFakeTimers) run this vault in
  // their own process, and the identity endpoint issued the token by the real clock.
  return claims.aud === audience && (claims.exp ?? 0) > (performance.timeOrigin + performance.now()) / 1000;
}
