import { generateKeyPairSync, type KeyObject, X509Certificate } from 'node:crypto';
import {
  buildSelfSignedCertificate,
  type DevKeyType,
  generateSigningKey,
} from '../../dev/dev-certificate.js';
import { certificateThumbprint } from '../../shared/certs/thumbprint.js';

export interface TestCertificate {
  certPem: string;
  keyPem: string;
  privateKey: KeyObject;
  thumbprint: string;
}

const DAY_MS = 86_400_000;

/** A self-signed certificate for tests; `expired` makes one whose validity ended yesterday. */
export function makeCertificate(
  options: {
    keyType?: DevKeyType;
    privateKey?: KeyObject;
    expired?: boolean;
    name?: string;
    /** Days from now to the end of its validity (default 30). */
    validDays?: number;
  } = {},
): TestCertificate {
  const privateKey = options.privateKey ?? generateSigningKey(options.keyType);
  const now = Date.now();
  const certPem = buildSelfSignedCertificate({
    privateKey,
    commonName: options.name ?? 'portal-sts test',
    notBefore: new Date(now - (options.expired ? 3 : 1) * DAY_MS),
    notAfter: new Date(now + (options.expired ? -DAY_MS : (options.validDays ?? 30) * DAY_MS)),
  });
  return {
    certPem,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    privateKey,
    thumbprint: certificateThumbprint(new X509Certificate(certPem)),
  };
}

export const keys = {
  rsa1024: () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey,
  p384: () => generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey,
  ed25519: () => generateKeyPairSync('ed25519').privateKey,
};
