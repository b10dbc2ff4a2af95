import { createHash, type KeyObject, type X509Certificate } from 'node:crypto';
import { StsError } from '../errors/sts-error.js';
import type { LocalSigningKey, RemoteSigner, RemoteSigningKey, SigningAlgorithm } from './signing-key.js';

const MIN_RSA_BITS = 2048;

function unusable(detail: string): StsError {
  return new StsError('PortalSTS0014', { detail });
}

/** Uppercase hex SHA-1 of the certificate's DER: what Windows and Key Vault show as its thumbprint. */
export function certificateThumbprint(certificate: X509Certificate): string {
  return createHash('sha1').update(certificate.raw).digest('hex').toUpperCase();
}

/**
 * The JWS algorithm a key can sign with. Only RS256 and ES256 are offered: they are what Power
 * Pages' relying parties (and every OIDC library) accept; other curves and key types are refused
 * rather than producing tokens nobody can verify.
 */
function algorithmFor(key: KeyObject): SigningAlgorithm {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  if (type === 'rsa') {
    const bits = details.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS)
      throw unusable(`the RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are required`);
    return 'RS256';
  }
  if (type === 'ec') {
    if (details.namedCurve === 'prime256v1') return 'ES256';
    throw unusable(
      `the EC key is on curve ${details.namedCurve ?? 'unknown'}; only P-256 (ES256) is supported`,
    );
  }
  throw unusable(`the key type ${type ?? 'unknown'} is not supported; use RSA (2048+ bits) or EC P-256`);
}

/**
 * Builds the SigningKey for a certificate and its private key, checking that the pair can sign
 * tokens that verify against the certificate. Throws StsError PortalSTS0014 when it cannot.
 */
export function createSigningKey(
  certificate: X509Certificate,
  privateKey: KeyObject | undefined,
): LocalSigningKey {
  const thumbprint = certificateThumbprint(certificate);
  if (!privateKey) throw unusable(`certificate ${thumbprint} has no private key`);
  if (privateKey.type !== 'private')
    throw unusable(`certificate ${thumbprint}: the key is not a private key`);
  const alg = algorithmFor(privateKey);
  if (!certificate.checkPrivateKey(privateKey)) {
    throw unusable(`certificate ${thumbprint}: the private key does not match the certificate's public key`);
  }
  const publicKey = certificate.publicKey;
  return {
    thumbprint,
    kid: Buffer.from(thumbprint, 'hex').toString('base64url'),
    alg,
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    certificate,
  };
}

/**
 * Builds the SigningKey of a certificate whose private key stays in the vault: the algorithm, kid
 * and everything validators see come from the certificate; `signer` makes each signature.
 */
export function createRemoteSigningKey(
  certificate: X509Certificate,
  signer: (alg: SigningAlgorithm) => RemoteSigner,
): RemoteSigningKey {
  const thumbprint = certificateThumbprint(certificate);
  const publicKey = certificate.publicKey;
  const alg = algorithmFor(publicKey);
  return {
    thumbprint,
    kid: Buffer.from(thumbprint, 'hex').toString('base64url'),
    alg,
    remote: signer(alg),
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    certificate,
  };
}
