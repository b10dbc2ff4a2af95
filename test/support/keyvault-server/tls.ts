import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface TestTls {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const DAY_MS = 86_400_000;

function rsaKeyPair() {
  // node:crypto generates the key (forge's generator takes seconds); forge builds the certificates.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return { keyPem, privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

function newCertificate(publicKey: forge.pki.PublicKey, commonName: string) {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = publicKey;
  certificate.serialNumber = `01${randomBytes(8).toString('hex')}`;
  certificate.validity.notBefore = new Date(Date.now() - DAY_MS);
  certificate.validity.notAfter = new Date(Date.now() + 7 * DAY_MS);
  certificate.setSubject([{ name: 'commonName', value: commonName }]);
  return certificate;
}

/**
 * A throwaway CA and a server certificate for `*.vault.localhost` (and the loopback names) that
 * it signs. Tests trust the CA through NODE_EXTRA_CA_CERTS, so the SDK's TLS checks stay on.
 */
export function createTestTls(): TestTls {
  const ca = rsaKeyPair();
  const caCertificate = newCertificate(ca.publicKey, 'portal-sts test CA');
  caCertificate.setIssuer(caCertificate.subject.attributes);
  caCertificate.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  caCertificate.sign(ca.privateKey, forge.md.sha256.create());

  const server = rsaKeyPair();
  const serverCertificate = newCertificate(server.publicKey, 'vault.localhost');
  serverCertificate.setIssuer(caCertificate.subject.attributes);
  serverCertificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: '*.vault.localhost' },
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
      ],
    },
  ]);
  serverCertificate.sign(ca.privateKey, forge.md.sha256.create());

  return {
    caPem: forge.pki.certificateToPem(caCertificate),
    certPem: forge.pki.certificateToPem(serverCertificate),
    keyPem: server.keyPem,
  };
}
