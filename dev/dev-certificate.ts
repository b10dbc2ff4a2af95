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
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import { certificateThumbprint } from '../shared/certs/thumbprint.js';

const DAY_MS = 86_400_000;
const COMMON_NAME = '2.5.4.3';

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

/** sha256WithRSAEncryption carries NULL parameters; ecdsa-with-SHA256 none (RFC 4055, RFC 5758). */
function signatureAlgorithm(privateKey: KeyObject): AlgorithmIdentifier {
  const keyType = privateKey.asymmetricKeyType;
  if (keyType === 'rsa')
    return new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.11', parameters: null });
  if (keyType === 'ec') return new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.3.2' });
  throw new Error(`cannot build a certificate for a ${keyType} key`);
}

function extension(extnID: string, value: object): Extension {
  return new Extension({ extnID, critical: true, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

/**
 * A self-signed X.509 v3 certificate (SHA-256 signature) for a node:crypto key: @peculiar/asn1-x509
 * encodes the structure, node:crypto signs it (synchronously, the same for RSA and EC). A random
 * positive 128-bit serial, the common name as subject and issuer, basicConstraints cA=false and
 * keyUsage digitalSignature, both critical.
 */
export function buildSelfSignedCertificate(options: SelfSignedCertificateOptions): string {
  const algorithm = signatureAlgorithm(options.privateKey);
  const name = new Name([
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({
        type: COMMON_NAME,
        value: new AttributeValue({ utf8String: options.commonName }),
      }),
    ]),
  ]);
  const spki = createPublicKey(options.privateKey).export({ type: 'spki', format: 'der' });
  // Positive (top bit clear) and minimal DER (no leading zero byte, which OpenSSL refuses).
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f || 0x01;
  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: new Uint8Array(serial).buffer,
    signature: algorithm,
    issuer: name,
    validity: new Validity({ notBefore: options.notBefore, notAfter: options.notAfter }),
    subject: name,
    subjectPublicKeyInfo: AsnConvert.parse(spki, SubjectPublicKeyInfo),
    extensions: new Extensions([
      extension(id_ce_basicConstraints, new BasicConstraints({ cA: false })),
      extension(id_ce_keyUsage, new KeyUsage(KeyUsageFlags.digitalSignature)),
    ]),
  });
  const signature = sign('sha256', Buffer.from(AsnConvert.serialize(tbsCertificate)), options.privateKey);
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm: algorithm,
    signatureValue: new Uint8Array(signature).buffer, // DER ECDSA-Sig-Value for EC keys
  });
  return new X509Certificate(Buffer.from(AsnConvert.serialize(certificate))).toString();
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
