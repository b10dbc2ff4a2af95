import fc from 'fast-check';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { HASHES, pkcs12Kdf } from '../../../shared/certs/pkcs12-kdf.js';

// node-forge's RFC 7292 Appendix B.2 implementation is the oracle: ours must agree byte for byte
// on every hash, diversifier, length and password shape (absent, empty, non-ASCII, astral).
const forgeDigests: Record<string, () => forge.md.MessageDigest> = {
  sha1: () => forge.md.sha1.create(),
  sha256: () => forge.md.sha256.create(),
  sha384: () => forge.md.sha384.create(),
  sha512: () => forge.md.sha512.create(),
};

function forgeKdf(
  hashOid: string,
  password: string | undefined,
  salt: Uint8Array,
  id: 1 | 2 | 3,
  n: number,
  length: number,
) {
  const md = forgeDigests[HASHES[hashOid]?.name ?? '']?.();
  const saltBuffer = forge.util.createBuffer(Buffer.from(salt).toString('binary'));
  return Buffer.from(forge.pkcs12.generateKey(password, saltBuffer, id, n, length, md).getBytes(), 'binary');
}

describe('pkcs12Kdf (RFC 7292 B.2)', () => {
  it('agrees with node-forge on random inputs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(HASHES)),
        fc.option(fc.string({ unit: 'grapheme', maxLength: 40 }), { nil: undefined }),
        fc.uint8Array({ maxLength: 70 }),
        fc.constantFrom(1 as const, 2 as const, 3 as const),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 150 }),
        (hashOid, password, salt, id, iterations, length) => {
          const ours = pkcs12Kdf(hashOid, password, salt, id, iterations, length);
          expect(ours.toString('hex')).toBe(
            forgeKdf(hashOid, password, salt, id, iterations, length).toString('hex'),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tells the absent password from the empty one', () => {
    const salt = Buffer.from('0102030405060708', 'hex');
    const absent = pkcs12Kdf('1.3.14.3.2.26', undefined, salt, 3, 2048, 20);
    expect(absent.equals(pkcs12Kdf('1.3.14.3.2.26', '', salt, 3, 2048, 20))).toBe(false);
  });

  it('refuses a hash it does not know', () => {
    expect(() => pkcs12Kdf('1.2.3', 'pw', new Uint8Array(8), 1, 1, 8)).toThrow(
      'unsupported PKCS#12 hash 1.2.3',
    );
  });
});
