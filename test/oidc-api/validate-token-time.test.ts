import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOCK_TOLERANCE_SECONDS, MAX_TOKEN_CHARS, validateToken } from '../../shared/oidc/validate-token.js';
import { at, context, idClaims, NOW, reason, rsa, sign } from './validation-fixture.js';

describe(`validateToken: time, with a ${CLOCK_TOLERANCE_SECONDS} s tolerance on a frozen clock`, () => {
  const token = () => sign(rsa, idClaims({ iat: NOW - 900, exp: NOW, nbf: NOW - 900 }));

  it('exp: accepted up to exp + 4 s, expired from exp + 5 s', async () => {
    expect(await reason(await token(), { now: at(NOW + CLOCK_TOLERANCE_SECONDS - 1) })).toBe(
      'active:id_token',
    );
    expect(await reason(await token(), { now: at(NOW + CLOCK_TOLERANCE_SECONDS) })).toBe('expired');
    expect(await reason(await token(), { now: at(NOW + 3600) })).toBe('expired');
  });

  it('nbf: accepted from nbf - 5 s, not yet valid before', async () => {
    const early = await sign(rsa, idClaims({ nbf: NOW + 6, iat: NOW, exp: NOW + 900 }));
    const edge = await sign(rsa, idClaims({ nbf: NOW + 5, iat: NOW, exp: NOW + 900 }));
    expect(await reason(early)).toBe('not-yet-valid');
    expect(await reason(edge)).toBe('active:id_token');
  });

  it('iat in the future (ID and access tokens carry no nbf) is not yet valid', async () => {
    expect(await reason(await sign(rsa, idClaims({ iat: NOW + 6, exp: NOW + 900 })))).toBe('not-yet-valid');
    expect(await reason(await sign(rsa, idClaims({ iat: NOW + 5, exp: NOW + 900 })))).toBe('active:id_token');
  });

  it('a token issued more than the longest lifetime (3600 s) ago is expired, whatever its exp', async () => {
    const long = await sign(rsa, idClaims({ iat: NOW - 3600 - 10, exp: NOW + 86_400 }));
    expect(await reason(long)).toBe('expired');
  });

  it('a token without exp or iat is not active', async () => {
    expect(await reason(await sign(rsa, idClaims({ exp: undefined })))).toBe('invalid-claims');
    expect(await reason(await sign(rsa, idClaims({ iat: undefined })))).toBe('invalid-claims');
  });
});

describe('validateToken: what is not a token', () => {
  it('garbage, a JWE-shaped string and an empty string are malformed', async () => {
    expect(await reason('garbage')).toBe('malformed');
    expect(await reason('a.b.c.d.e')).toBe('malformed');
    expect(await reason('')).toBe('malformed');
    expect(await reason('!!!.???.###')).toBe('malformed');
  });

  it(`a token over ${MAX_TOKEN_CHARS} characters is not parsed`, async () => {
    const big = await sign(rsa, idClaims({ pad: 'x'.repeat(MAX_TOKEN_CHARS) }));
    expect(await reason(big)).toBe('oversized');
  });

  it('no mutation of a valid token is active, and none throws', async () => {
    const valid = await sign(rsa, idClaims());
    // The last character is left alone: its low bits are padding, so some changes decode the same.
    await fc.assert(
      fc.asyncProperty(
        fc.nat(valid.length - 2),
        fc.string({ minLength: 1, maxLength: 3 }),
        async (index, text) => {
          const mutated = valid.slice(0, index) + text + valid.slice(index + 1);
          fc.pre(mutated !== valid);
          const result = await validateToken(mutated, context());
          expect(result.active).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('random strings are never active and never throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (text) => {
        expect((await validateToken(text, context())).active).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
