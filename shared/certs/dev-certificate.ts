import {
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { certificateThumbprint } from './create-signing-key.js';

const { asn1, pki } = forge;
const { Class, Type } = asn1;
const SIGNATURE_OID = { rsa: '1.2.840.113549.1.1.11', ec: '1.2.840.10045.4.3.2' } as const; // sha256WithRSA, ecdsa-with-SHA256
const DAY_MS = 86_400_000;

export type DevKeyType = 'rsa' | 'ec';

export interface SelfSignedCertificateOptions {
  privateKey: KeyObject;
  commonName: string;
  notBefore: Date;
  notAfter: Date;
}

/** A fresh signing key: RSA 2048 or EC P-256, the two kinds the service signs with. */
export function generateSigningKey(keyType: DevKeyType = 'rsa'): KeyObject {
  return keyType === 'ec'
    ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey
    : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/**
 * A self-signed X.509 v3 certificate (SHA-256 signature) for a node:crypto key. forge encodes the
 * structure but can only put RSA keys in a certificate, so the public key is inserted as the SPKI
 * that node:crypto exports, and node:crypto signs: that works the same for RSA and EC.
 */
export function buildSelfSignedCertificate(options: SelfSignedCertificateOptions): string {
  const keyType = options.privateKey.asymmetricKeyType;
  if (keyType !== 'rsa' && keyType !== 'ec')
    throw new Error(`cannot build a certificate for a ${keyType} key`);
  // Uses forge's name and extension encoders; the certificate object itself is never signed by forge.
  const fields = pki.createCertificate();
  fields.setSubject([{ name: 'commonName', value: options.commonName }]);
  fields.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, critical: true },
  ]);
  const algorithm = asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(SIGNATURE_OID[keyType]).getBytes()),
    // RSA signature algorithms carry NULL parameters; ECDSA ones carry none (RFC 4055, RFC 5758).
    ...(keyType === 'rsa' ? [asn1.create(Class.UNIVERSAL, Type.NULL, false, '')] : []),
  ]);
  const name = pki.distinguishedNameToAsn1(fields.subject);
  const spki = createPublicKey(options.privateKey).export({ type: 'spki', format: 'der' });
  // A positive 16-byte serial: the top bit cleared so the INTEGER is not read as negative.
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const extensions = (
    pki as unknown as { certificateExtensionsToAsn1(exts: unknown[]): forge.asn1.Asn1 }
  ).certificateExtensionsToAsn1(fields.extensions);
  const tbs = asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [
      asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(2).getBytes()),
    ]),
    asn1.create(Class.UNIVERSAL, Type.INTEGER, false, serial.toString('binary')),
    algorithm,
    name,
    asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [
      asn1.create(Class.UNIVERSAL, Type.UTCTIME, false, asn1.dateToUtcTime(options.notBefore)),
      asn1.create(Class.UNIVERSAL, Type.UTCTIME, false, asn1.dateToUtcTime(options.notAfter)),
    ]),
    name,
    asn1.fromDer(Buffer.from(spki).toString('binary')),
    extensions, // already wrapped in its [3] tag by forge
  ]);
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign('sha256', tbsDer, options.privateKey); // DER ECDSA-Sig-Value for EC keys
  const certificate = asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    tbs,
    algorithm,
    asn1.create(Class.UNIVERSAL, Type.BITSTRING, false, `\u0000${signature.toString('binary')}`),
  ]);
  return new X509Certificate(Buffer.from(asn1.toDer(certificate).getBytes(), 'binary')).toString();
}

export interface DevCertificateOptions {
  dir: string;
  name: string;
  keyType?: DevKeyType;
  days?: number;
}

/**
 * Creates `<dir>/<name>.pem` (certificate + PKCS#8 key) with a new self-signed signing
 * certificate, for CERTIFICATE_SOURCE=local. The dev host calls this on first start.
 */
export async function createDevCertificate(
  options: DevCertificateOptions,
): Promise<{ path: string; thumbprint: string }> {
  const privateKey = generateSigningKey(options.keyType);
  const now = Date.now();
  const certPem = buildSelfSignedCertificate({
    privateKey,
    commonName: `portal-sts development (${options.name})`,
    notBefore: new Date(now - 5 * 60_000), // tolerate small clock differences
    notAfter: new Date(now + (options.days ?? 365) * DAY_MS),
  });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await mkdir(options.dir, { recursive: true });
  const path = join(options.dir, `${options.name}.pem`);
  // 0600: the file holds a private key.
  await writeFile(path, `${certPem}${keyPem}`, { mode: 0o600 });
  return { path, thumbprint: certificateThumbprint(new X509Certificate(certPem)) };
}
