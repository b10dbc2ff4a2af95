import { createHmac, createPrivateKey, type KeyObject, timingSafeEqual, X509Certificate } from 'node:crypto';
import { type ContentInfo, id_data, id_encryptedData } from '@peculiar/asn1-cms';
import {
  AuthenticatedSafe,
  CertBag,
  id_certBag,
  id_keyBag,
  id_pkcs8ShroudedKeyBag,
  id_SafeContents,
  id_x509Certificate,
  type MacData,
  PFX,
  SafeContents,
} from '@peculiar/asn1-pfx';
import { EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { DecryptionFailed, decrypt, EncryptedData } from './pkcs12-decrypt.js';
import { HASHES, pkcs12Kdf } from './pkcs12-kdf.js';
import { Pkcs12PasswordError } from './pkcs12-password-error.js';
import type { CertificateContents } from './read-certificate-file.js';

type Password = string | undefined;

/**
 * Reads a PKCS#12 (PFX) file: @peculiar/asn1-pfx parses the structure, node:crypto checks the MAC
 * and decrypts. The certificates and keys inside are handed to node:crypto as their original DER,
 * so a certificate's thumbprint is the one it was issued with.
 *
 * Without a password (or with ''), both PKCS#12 readings are tried: "no password" (an empty key,
 * as Key Vault and `openssl -passout pass:` variants write) and "the empty password" (Windows).
 * The MAC tells which password is right; a file without a MAC is tried until one decrypts.
 */
export async function readPkcs12(pfx: Uint8Array, password?: string): Promise<CertificateContents> {
  const { authSafe, macData: parsedMac } = parse(pfx, PFX, 'a PKCS#12 (PFX) file');
  // The parser leaves an empty MacData when the file has none (`openssl pkcs12 -nomac`).
  const macData = parsedMac?.mac?.digest?.byteLength ? parsedMac : undefined;
  if (authSafe.contentType !== id_data) throw new Error('the PKCS#12 file is not password-protected');
  const safes = octets(authSafe.content);
  const attempts: Password[] = password ? [password] : [undefined, ''];
  for (const attempt of macData ? attempts.filter((p) => macMatches(macData, safes, p)) : attempts) {
    try {
      return await readSafes(safes, attempt);
    } catch (error) {
      if (!(error instanceof DecryptionFailed)) throw error;
    }
  }
  throw new Pkcs12PasswordError();
}

function parse<T>(der: ArrayBuffer | Uint8Array, type: new () => T, what: string): T {
  try {
    return AsnConvert.parse(der, type);
  } catch {
    throw new Error(`the file is not ${what}`);
  }
}

const octets = (der: ArrayBuffer): Buffer => Buffer.from(parse(der, OctetString, 'a PKCS#12 file').buffer);

/** RFC 7292 5.1 (HMAC keyed by the Appendix B KDF), compared in constant time. */
function macMatches(macData: MacData, safes: Buffer, password: Password): boolean {
  const { digestAlgorithm, digest } = macData.mac;
  const hash = HASHES[digestAlgorithm.algorithm];
  if (!hash) throw new Error(`unsupported PKCS#12 MAC ${digestAlgorithm.algorithm}`);
  const salt = new Uint8Array(macData.macSalt.buffer);
  const key = pkcs12Kdf(digestAlgorithm.algorithm, password, salt, 3, macData.iterations, hash.size);
  const expected = createHmac(hash.name, key).update(safes).digest();
  const stored = Buffer.from(digest.buffer);
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}

async function readSafes(safes: Buffer, password: Password): Promise<CertificateContents> {
  const contents: CertificateContents = { certificates: [], privateKeys: [] };
  for (const info of parse(safes, AuthenticatedSafe, 'a PKCS#12 file')) {
    await readBags(await safeContents(info, password), password, contents);
  }
  if (contents.certificates.length === 0) throw new Error('the PKCS#12 file holds no certificate');
  return contents;
}

/** A SafeContents in clear (Data) or password-encrypted (EncryptedData); no public-key envelopes. */
async function safeContents(info: ContentInfo, password: Password): Promise<SafeContents> {
  if (info.contentType === id_data) return parse(octets(info.content), SafeContents, 'a PKCS#12 file');
  if (info.contentType !== id_encryptedData) throw new Error('the PKCS#12 file uses public-key encryption');
  const { contentEncryptionAlgorithm, encryptedContent } = parse(
    info.content,
    EncryptedData,
    'a PKCS#12 file',
  ).encryptedContentInfo;
  const parts = encryptedContent?.value
    ? [encryptedContent.value]
    : (encryptedContent?.constructedValue ?? []);
  const data = Buffer.concat(parts.map((part) => Buffer.from(part.buffer)));
  return decrypted(async () =>
    AsnConvert.parse(await decrypt(contentEncryptionAlgorithm, data, password), SafeContents),
  );
}

/** Without a MAC, a wrong password can still pass the padding check: garbage out is a wrong password. */
async function decrypted<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw error instanceof DecryptionFailed ? error : new DecryptionFailed();
  }
}

async function readBags(bags: SafeContents, password: Password, into: CertificateContents): Promise<void> {
  for (const bag of bags) {
    if (bag.bagId === id_certBag) {
      const certBag = AsnConvert.parse(bag.bagValue, CertBag);
      if (certBag.certId === id_x509Certificate)
        into.certificates.push(new X509Certificate(octets(certBag.certValue)));
    } else if (bag.bagId === id_keyBag) {
      into.privateKeys.push(pkcs8(Buffer.from(bag.bagValue)));
    } else if (bag.bagId === id_pkcs8ShroudedKeyBag) {
      const shrouded = AsnConvert.parse(bag.bagValue, EncryptedPrivateKeyInfo);
      const data = new Uint8Array(shrouded.encryptedData.buffer);
      into.privateKeys.push(
        await decrypted(async () => pkcs8(await decrypt(shrouded.encryptionAlgorithm, data, password))),
      );
    } else if (bag.bagId === id_SafeContents) {
      await readBags(parse(bag.bagValue, SafeContents, 'a PKCS#12 file'), password, into);
    }
  }
}

const pkcs8 = (der: Buffer): KeyObject => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
