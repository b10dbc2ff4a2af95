import { generateKeyPairSync, type KeyObject, X509Certificate } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { buildSelfSignedCertificate, generateSigningKey } from '../../dev/dev-certificate.js';
import { certificateThumbprint } from '../../shared/certs/thumbprint.js';
import { toPkcs12 } from '../support/pkcs12-builder.js';
import type { TestCertificate } from '../support/test-certificates.js';

export { keys, makeCertificate, type TestCertificate } from '../support/test-certificates.js';

const DAY_MS = 86_400_000;

function toTestCertificate(certPem: string, privateKey: KeyObject): TestCertificate {
  return {
    certPem,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    privateKey,
    thumbprint: certificateThumbprint(new X509Certificate(certPem)),
  };
}

/** A certificate valid for `days` more days (for the "expires soon" warning). */
export function certificateExpiringIn(days: number): TestCertificate {
  const privateKey = generateSigningKey('rsa');
  const certPem = buildSelfSignedCertificate({
    privateKey,
    commonName: 'portal-sts expiring',
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + days * DAY_MS),
  });
  return toTestCertificate(certPem, privateKey);
}

/** A self-signed RSA 2048 certificate signed with sha1WithRSAEncryption, built by node-forge. */
export function sha1Certificate(): TestCertificate {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forgeKey = forge.pki.privateKeyFromPem(
    privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  ) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  certificate.serialNumber = '01';
  certificate.validity.notBefore = new Date(Date.now() - DAY_MS);
  certificate.validity.notAfter = new Date(Date.now() + 365 * DAY_MS);
  const name = [{ name: 'commonName', value: 'portal-sts sha1' }];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.sign(forgeKey, forge.md.sha1.create());
  return toTestCertificate(forge.pki.certificateToPem(certificate), privateKey);
}

/** A temporary folder for certificate files. */
export function certificateDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'portal-sts-cli-'));
}

export async function writePfx(
  dir: string,
  name: string,
  cert: TestCertificate,
  password?: string,
): Promise<string> {
  const path = join(dir, `${name}.pfx`);
  await writeFile(path, toPkcs12(cert.certPem, cert.keyPem, password));
  return path;
}

/** Certificate and key in one PEM file; `pkcs1` writes the key as BEGIN RSA PRIVATE KEY. */
export async function writePem(
  dir: string,
  name: string,
  cert: TestCertificate,
  format: 'pkcs8' | 'pkcs1' = 'pkcs8',
): Promise<string> {
  const path = join(dir, `${name}.pem`);
  const key =
    format === 'pkcs1' ? cert.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() : cert.keyPem;
  await writeFile(path, `${cert.certPem}${key}`);
  return path;
}
