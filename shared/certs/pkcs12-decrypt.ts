import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import type { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { pkcs12Kdf } from './pkcs12-kdf.js';
import { Pbes2Params, Pbkdf2Params, Pkcs12PbeParams } from './pkcs12-schemas.js';

/*
 * Password-based decryption for PKCS#12 (RFC 7292) with node:crypto: PBES2 (PBKDF2 + AES or
 * 3DES, what OpenSSL 3 and recent Windows write) and the legacy PKCS#12 PBE (3DES, RC2). RC2,
 * which node:crypto lacks, is node-forge's public API, loaded only for a file that uses it.
 */
const PBKDF2 = '1.2.840.113549.1.5.12';
const PBES2 = '1.2.840.113549.1.5.13';
const HMAC_PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const PBES2_CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};
/** pbeWithSHAAnd… (RFC 7292 Appendix C): cipher, key length, and RC2's effective key bits. */
const PKCS12_PBE: Record<string, { name: string; keyLength: number; rc2Bits?: number }> = {
  '1.2.840.113549.1.12.1.3': { name: 'des-ede3-cbc', keyLength: 24 },
  '1.2.840.113549.1.12.1.4': { name: 'des-ede-cbc', keyLength: 16 },
  '1.2.840.113549.1.12.1.5': { name: 'rc2-cbc', keyLength: 16, rc2Bits: 128 },
  '1.2.840.113549.1.12.1.6': { name: 'rc2-cbc', keyLength: 5, rc2Bits: 40 },
};

/** Thrown when the bytes do not decrypt (bad padding): the password is not this one. */
export class DecryptionFailed extends Error {}

async function decipher(name: string, key: Buffer, iv: Buffer, data: Uint8Array, rc2Bits?: number) {
  if (rc2Bits) {
    // OpenSSL 3 keeps RC2 in its legacy provider; forge's public RC2 reads old Windows exports.
    const { default: forge } = await import('node-forge');
    const binary = (bytes: Uint8Array) => Buffer.from(bytes).toString('binary');
    const rc2 = forge.rc2.createDecryptionCipher(binary(key), rc2Bits);
    rc2.start(binary(iv));
    rc2.update(forge.util.createBuffer(binary(data)));
    if (!rc2.finish()) throw new DecryptionFailed();
    return Buffer.from(rc2.output.getBytes(), 'binary');
  }
  const cipher = createDecipheriv(name, key, iv);
  try {
    return Buffer.concat([cipher.update(data), cipher.final()]);
  } catch {
    throw new DecryptionFailed();
  }
}

/** Decrypts `data` with a PBES2 or PKCS#12 PBE algorithm, as the PFX names it. */
export async function decrypt(
  algorithm: AlgorithmIdentifier,
  data: Uint8Array,
  password: string | undefined,
): Promise<Buffer> {
  const parameters = algorithm.parameters ?? new ArrayBuffer(0);
  const legacy = PKCS12_PBE[algorithm.algorithm];
  if (legacy) {
    const { salt, iterations } = AsnConvert.parse(parameters, Pkcs12PbeParams);
    const sha1 = '1.3.14.3.2.26';
    const key = pkcs12Kdf(sha1, password, new Uint8Array(salt.buffer), 1, iterations, legacy.keyLength);
    const iv = pkcs12Kdf(sha1, password, new Uint8Array(salt.buffer), 2, iterations, 8);
    return decipher(legacy.name, key, iv, data, legacy.rc2Bits);
  }
  if (algorithm.algorithm !== PBES2) throw new Error(`unsupported PKCS#12 encryption ${algorithm.algorithm}`);
  const pbes2 = AsnConvert.parse(parameters, Pbes2Params);
  const cipher = PBES2_CIPHERS[pbes2.encryptionScheme.algorithm];
  if (pbes2.keyDerivationFunc.algorithm !== PBKDF2 || !cipher)
    throw new Error(`unsupported PBES2 scheme ${pbes2.encryptionScheme.algorithm}`);
  const kdf = AsnConvert.parse(pbes2.keyDerivationFunc.parameters ?? new ArrayBuffer(0), Pbkdf2Params);
  const prf = HMAC_PRF[kdf.prf?.algorithm ?? '1.2.840.113549.2.7'];
  if (!prf) throw new Error(`unsupported PBKDF2 function ${kdf.prf?.algorithm}`);
  const iv = AsnConvert.parse(pbes2.encryptionScheme.parameters ?? new ArrayBuffer(0), OctetString);
  // PBES2 takes the password as UTF-8 octets (RFC 8018); absent and empty are both zero octets.
  const key = pbkdf2Sync(
    Buffer.from(password ?? '', 'utf8'),
    new Uint8Array(kdf.salt.buffer),
    kdf.iterationCount,
    cipher.keyLength,
    prf,
  );
  return decipher(cipher.name, key, Buffer.from(iv.buffer), data);
}
