import { createHash } from 'node:crypto';

/** Digest name, output size and input block size (bytes) of the hashes a PFX's MAC or KDF may use. */
export const HASHES: Record<string, { name: string; size: number; block: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', size: 20, block: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', size: 32, block: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', size: 48, block: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', size: 64, block: 128 },
};

/** A password as PKCS#12 hashes it: a BMPString (UTF-16BE) with a two-byte terminator. */
function bmpString(password: string): Buffer {
  return Buffer.from(`${password}\0`, 'utf16le').swap16();
}

/** `bytes` repeated to the next multiple of `size` (nothing stays nothing). */
const repeatTo = (bytes: Uint8Array, size: number) =>
  Buffer.alloc(size * Math.ceil(bytes.length / size), bytes);

/**
 * The key derivation of RFC 7292 Appendix B.2 (id 1: key, 2: IV, 3: MAC key) with node:crypto's
 * hashes. "No password" (undefined) is zero octets, which is how the empty and the absent password
 * differ. A test checks it against node-forge's implementation on random inputs.
 */
export function pkcs12Kdf(
  hashOid: string,
  password: string | undefined,
  salt: Uint8Array,
  id: 1 | 2 | 3,
  iterations: number,
  length: number,
): Buffer {
  const hash = HASHES[hashOid];
  if (!hash) throw new Error(`unsupported PKCS#12 hash ${hashOid}`);
  const v = hash.block;
  const diversifier = Buffer.alloc(v, id);
  const input = Buffer.concat([
    repeatTo(salt, v),
    repeatTo(password === undefined ? Buffer.alloc(0) : bmpString(password), v),
  ]);
  const blocks: Buffer[] = [];
  // B.2 hashes at least once, also for a malformed count under 1.
  const rounds = Math.max(1, iterations);
  for (let produced = 0; produced < length; produced += hash.size) {
    let a = createHash(hash.name).update(diversifier).update(input).digest();
    for (let round = 1; round < rounds; round++) a = createHash(hash.name).update(a).digest();
    blocks.push(a);
    if (produced + hash.size >= length) break;
    // Step 6C: each v-byte block of the input becomes (block + B + 1) mod 2^(8v), B = `a` repeated.
    const b = Buffer.alloc(v, a);
    for (let start = 0; start < input.length; start += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        carry += (input[start + k] ?? 0) + (b[k] ?? 0);
        input[start + k] = carry & 0xff;
        carry >>>= 8;
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, length);
}
