import type { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Pkcs12PasswordError } from '../shared/certs/pkcs12-password-error.js';
import type { CertificateWithKey } from '../shared/certs/read-certificate-file.js';
import { readCertificateBytes } from '../shared/certs/read-certificate-file.js';
import { createSigningKey } from '../shared/certs/signing-key.js';
import { StsError } from '../shared/errors/sts-error.js';
import { usageError } from './errors.js';
import { signatureAlgorithm } from './signature-algorithm.js';

const DAY_MS = 86_400_000;
const EXPIRY_WARNING_DAYS = 30;

export interface CertificateFile extends CertificateWithKey {
  format: 'pfx' | 'pem';
  bytes: Buffer;
}

/** Reads a .pfx or .pem file; every way it can fail is bad input (2) with a message that names no secret. */
export async function readCertificateFile(
  path: string,
  password: string | undefined,
): Promise<CertificateFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw usageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const format = bytes.subarray(0, 64).toString('latin1').includes('-----BEGIN ') ? 'pem' : 'pfx';
  try {
    return { ...(await readCertificateBytes(bytes, password)), format, bytes };
  } catch (error) {
    if (error instanceof Pkcs12PasswordError || isPemPasswordError(error)) {
      throw usageError(
        password
          ? `wrong password for ${path}`
          : `wrong password: ${path} is password-protected; pass --password (or env PORTAL_STS_CERT_PASSWORD)`,
      );
    }
    throw usageError(`${path} is not a readable PFX or PEM certificate file`);
  }
}

/** node:crypto's answers to an encrypted PEM key without, or with the wrong, passphrase. */
function isPemPasswordError(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === 'ERR_MISSING_PASSPHRASE' || /bad decrypt|passphrase/i.test(e.message ?? '');
}

export interface CheckedCertificate {
  thumbprint: string;
  key: string;
  signatureAlgorithm: string;
  subject: string;
  notAfter: Date;
  warnings: string[];
}

/**
 * What Power Pages checks before it uses an uploaded certificate: a private key that belongs to
 * it, RSA of 2048+ bits or EC P-256 (createSigningKey, the service's own rule), a SHA-2
 * signature, and a validity period that has not ended.
 */
export function checkForPowerPages(pair: CertificateWithKey, now: Date): CheckedCertificate {
  const { certificate, privateKey } = pair;
  let alg: string;
  let thumbprint: string;
  try {
    ({ alg, thumbprint } = createSigningKey(certificate, privateKey));
  } catch (error) {
    if (error instanceof StsError)
      throw usageError(`the certificate cannot sign tokens: ${error.detail ?? error.message}`);
    throw error;
  }
  const signature = signatureAlgorithm(certificate);
  if (!signature.sha2) {
    throw usageError(
      `the certificate is signed with ${signature.name}: Power Pages requires a SHA-2 signature (SHA-256 or stronger)`,
    );
  }
  const notAfter = new Date(certificate.validTo);
  const notBefore = new Date(certificate.validFrom);
  if (notAfter <= now) throw usageError(`the certificate expired on ${notAfter.toISOString()}`);
  const warnings: string[] = [];
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
  if (daysLeft < EXPIRY_WARNING_DAYS) {
    warnings.push(
      `the certificate expires in ${daysLeft} days (${notAfter.toISOString()}): plan its replacement`,
    );
  }
  if (notBefore > now) {
    warnings.push(
      `the certificate is not valid before ${notBefore.toISOString()}: the service will not sign with it until then`,
    );
  }
  return {
    thumbprint,
    key: describeKey(certificate, alg),
    signatureAlgorithm: signature.name,
    subject: subjectOf(certificate),
    notAfter,
    warnings,
  };
}

function describeKey(certificate: X509Certificate, alg: string): string {
  const details = certificate.publicKey.asymmetricKeyDetails;
  return alg === 'ES256' ? 'EC P-256 (ES256)' : `RSA ${details?.modulusLength ?? '?'} bits (RS256)`;
}

function subjectOf(certificate: X509Certificate): string {
  return certificate.subject.split('\n').join(', ');
}
