import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateContents } from './certificate-contents.js';

/** The PFX is intact but the password is not its password (the admin CLI reports this one apart). */
export class Pkcs12PasswordError extends Error {
  constructor() {
    super('the PKCS#12 password is wrong');
    this.name = 'Pkcs12PasswordError';
  }
}

const WRONG_PASSWORD = /MAC could not be verified|wrong password|Invalid password/i;

/**
 * Reads a PKCS#12 (PFX) file. Node's crypto cannot open PFX, so node-forge decrypts the container;
 * the certificates and keys inside are handed to node:crypto as their original DER.
 *
 * Without a password (or with ''), both PKCS#12 readings are tried: "no password" (an empty key,
 * as Key Vault and `openssl -passout pass:` variants write) and "the empty password" (Windows).
 */
export function readPkcs12(pfx: Uint8Array, password?: string): CertificateContents {
  const der = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(pfx).toString('binary')));
  const attempts = password ? [password] : [undefined, ''];
  let lastError: unknown;
  for (const attempt of attempts) {
    try {
      return collectBags(withForgeReadingRawBags(() => forge.pkcs12.pkcs12FromAsn1(der, false, attempt)));
    } catch (error) {
      if (!(error instanceof Error) || !WRONG_PASSWORD.test(error.message)) throw error;
      lastError = error;
    }
  }
  throw Object.assign(new Pkcs12PasswordError(), { cause: lastError });
}

/**
 * Runs forge's PKCS#12 reader with three of its functions swapped, and puts them back after.
 * - forge re-encodes the certificates it understands (and cannot read EC keys or certificates at
 *   all); a re-encoded certificate may differ by a byte from the original (signature algorithm
 *   parameters), which changes its thumbprint. Refusing to interpret bags makes forge keep each
 *   bag's original ASN.1.
 * - PBES2 (what OpenSSL 3 and recent Windows write) takes the password as UTF-8 octets, but forge
 *   would use each UTF-16 code unit as one byte, so a non-ASCII password would never match.
 * The swap is synchronous, so nothing else runs while it is in place.
 */
function withForgeReadingRawBags<T>(read: () => T): T {
  type Swappable = 'certificateFromAsn1' | 'privateKeyFromAsn1';
  const pki = forge.pki as unknown as Record<Swappable, unknown>;
  const pbe = (forge.pki as unknown as { pbe: Record<'getCipherForPBES2', (...args: unknown[]) => unknown> })
    .pbe;
  const saved = {
    certificateFromAsn1: pki.certificateFromAsn1,
    privateKeyFromAsn1: pki.privateKeyFromAsn1,
    getCipherForPBES2: pbe.getCipherForPBES2,
  };
  const keepAsn1 = (): never => {
    throw new Error('kept as ASN.1');
  };
  pki.certificateFromAsn1 = keepAsn1;
  pki.privateKeyFromAsn1 = keepAsn1;
  pbe.getCipherForPBES2 = (oid: unknown, params: unknown, password: unknown) =>
    saved.getCipherForPBES2(
      oid,
      params,
      typeof password === 'string' ? forge.util.encodeUtf8(password) : password,
    );
  try {
    return read();
  } finally {
    pki.certificateFromAsn1 = saved.certificateFromAsn1;
    pki.privateKeyFromAsn1 = saved.privateKeyFromAsn1;
    pbe.getCipherForPBES2 = saved.getCipherForPBES2;
  }
}

function toDer(asn1: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

function collectBags(pfx: forge.pkcs12.Pkcs12Pfx): CertificateContents {
  const { certBag, keyBag, pkcs8ShroudedKeyBag } = forge.pki.oids;
  const certificates: X509Certificate[] = [];
  const privateKeys: KeyObject[] = [];
  for (const bag of pfx.getBags({ bagType: certBag })[certBag ?? ''] ?? []) {
    certificates.push(new X509Certificate(toDer(bag.asn1)));
  }
  for (const type of [keyBag, pkcs8ShroudedKeyBag]) {
    for (const bag of pfx.getBags({ bagType: type })[type ?? ''] ?? []) {
      privateKeys.push(createPrivateKey({ key: toDer(bag.asn1), format: 'der', type: 'pkcs8' }));
    }
  }
  if (certificates.length === 0) throw new Error('the PKCS#12 file holds no certificate');
  return { certificates, privateKeys };
}
