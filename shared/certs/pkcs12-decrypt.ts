import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { EncryptedContentInfo } from '@peculiar/asn1-cms';
import { AsnConvert, AsnProp, AsnPropTypes, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { pkcs12Kdf } from './pkcs12-kdf.js';

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

/*
 * The ASN.1 structures a PFX needs that the @peculiar packages do not define (PKCS#5 and
 * PKCS#12 encryption parameters, CMS EncryptedData). The schema decorators are applied as plain
 * calls, so the project needs no decorator compiler setting.
 */
function define(target: object, fields: [string, Parameters<typeof AsnProp>[0]][]): void {
  for (const [name, options] of fields) AsnProp(options)(target, name);
}

/** PBES2-params (RFC 8018 A.4). */
class Pbes2Params {
  keyDerivationFunc = new AlgorithmIdentifier();
  encryptionScheme = new AlgorithmIdentifier();
}
define(Pbes2Params.prototype, [
  ['keyDerivationFunc', { type: AlgorithmIdentifier }],
  ['encryptionScheme', { type: AlgorithmIdentifier }],
]);

/** PBKDF2-params (RFC 8018 A.2); the salt's `otherSource` choice is not used by any writer. */
class Pbkdf2Params {
  salt = new OctetString();
  iterationCount = 0;
  keyLength?: number;
  prf?: AlgorithmIdentifier;
}
define(Pbkdf2Params.prototype, [
  ['salt', { type: OctetString }],
  ['iterationCount', { type: AsnPropTypes.Integer }],
  ['keyLength', { type: AsnPropTypes.Integer, optional: true }],
  ['prf', { type: AlgorithmIdentifier, optional: true }],
]);

/** pkcs-12PbeParams (RFC 7292 Appendix C). */
class Pkcs12PbeParams {
  salt = new OctetString();
  iterations = 0;
}
define(Pkcs12PbeParams.prototype, [
  ['salt', { type: OctetString }],
  ['iterations', { type: AsnPropTypes.Integer }],
]);

/** CMS EncryptedData (RFC 5652 8), which holds a PFX's password-encrypted SafeContents. */
export class EncryptedData {
  version = 0;
  encryptedContentInfo = new EncryptedContentInfo();
}
define(EncryptedData.prototype, [
  ['version', { type: AsnPropTypes.Integer }],
  ['encryptedContentInfo', { type: EncryptedContentInfo }],
]);

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
