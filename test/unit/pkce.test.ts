import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifierMatches } from '../../shared/oidc/token/pkce.js';

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

describe('PKCE S256 verification (RFC 7636 4.6)', () => {
  const verifier = 'abcdefghijklmnopqrstuvwxyz-._~ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

  it('accepts the verifier whose SHA-256 is the challenge', () => {
    expect(verifierMatches(verifier, s256(verifier))).toBe(true);
    expect(verifierMatches('a'.repeat(43), s256('a'.repeat(43)))).toBe(true);
    expect(verifierMatches('a'.repeat(128), s256('a'.repeat(128)))).toBe(true);
  });

  it.each([
    ['another verifier', `${verifier.slice(0, -1)}8`],
    ['an empty verifier', ''],
    ['42 characters', 'a'.repeat(42)],
    ['129 characters', 'a'.repeat(129)],
    ['a character outside the unreserved set', `${'a'.repeat(43)}+`],
  ])('refuses %s', (_name, presented) => {
    expect(verifierMatches(presented, s256(verifier))).toBe(false);
  });

  it('refuses the challenge itself as a verifier (plain)', () => {
    expect(verifierMatches(s256(verifier), s256(verifier))).toBe(false);
  });
});
