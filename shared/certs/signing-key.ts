import type { KeyObject, X509Certificate } from 'node:crypto';
import { StsError } from '../errors/sts-error.js';
import { certificateThumbprint } from './thumbprint.js';

export type SigningAlgorithm = 'RS256' | 'ES256';

/**
 * Signs where the private key lives when it cannot be read out (a Key Vault key that is not
 * exportable, or in an HSM). Throws StsError PortalSTS0011 (503 + Retry-After) when it cannot.
 */
export interface RemoteSigner {
  /** The JWS signature of a SHA-256 digest: RS256 PKCS#1 v1.5, or ES256 raw r || s (64 bytes). */
  sign(digest: Buffer): Promise<Buffer>;
}

/** What validators see of a key: all of it comes from the certificate (its public part). */
interface PublicSigningKey {
  /** Uppercase hex SHA-1 of the certificate (what admins put in site settings). */
  thumbprint: string;
  /** The JWT `kid`: base64url SHA-1 of the certificate, equal to its JWK `x5t` (as Entra ID does). */
  kid: string;
  alg: SigningAlgorithm;
  publicKey: KeyObject;
  /** SubjectPublicKeyInfo PEM, as /_services/auth/publickey serves it. */
  publicKeyPem: string;
  certificate: X509Certificate;
}

/** A certificate with its private key in memory: it signs in process. */
export interface LocalSigningKey extends PublicSigningKey {
  privateKey: KeyObject;
  remote?: undefined;
}

/** A certificate whose key never leaves the vault: every signature is a call to the vault. */
export interface RemoteSigningKey extends PublicSigningKey {
  privateKey?: undefined;
  remote: RemoteSigner;
}

/** A certificate ready to sign, built once per thumbprint and cached. */
export type SigningKey = LocalSigningKey | RemoteSigningKey;

/** One version of a named certificate, as the store lists it (no key loaded). */
export interface CertificateVersionInfo {
  version: string;
  thumbprint: string;
  enabled: boolean;
  createdOn: Date;
  notBefore: Date | undefined;
  expiresOn: Date | undefined;
}

/**
 * Where signing certificates come from (createCertificateStore): Key Vault in Azure, a local folder
 * in development, behind the process-wide cache.
 */
export interface CertificateStore {
  /**
   * The certificate with this thumbprint (normalised uppercase hex), or the deployment's default
   * certificate when `thumbprint` is undefined. Throws StsError PortalSTS0018 when none matches,
   * PortalSTS0011 when the store cannot be reached, PortalSTS0014 when the certificate cannot sign.
   */
  get(thumbprint: string | undefined): Promise<SigningKey>;
  /**
   * Every version of the certificate with this name, oldest first. PortalSTS0018 when there is no
   * such certificate or the store cannot list versions (a local folder), PortalSTS0011 when the
   * store cannot be reached.
   */
  versions(name: string): Promise<CertificateVersionInfo[]>;
}

const MIN_RSA_BITS = 2048;

function unusable(detail: string): StsError {
  return new StsError('PortalSTS0014', { detail });
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
  return { ...publicPart(certificate, thumbprint, alg), privateKey };
}

/**
 * Builds the SigningKey of a certificate whose private key stays in the vault: the algorithm, kid
 * and everything validators see come from the certificate; `signer` makes each signature.
 */
export function createRemoteSigningKey(
  certificate: X509Certificate,
  signer: (alg: SigningAlgorithm) => RemoteSigner,
): RemoteSigningKey {
  const alg = algorithmFor(certificate.publicKey);
  return { ...publicPart(certificate, certificateThumbprint(certificate), alg), remote: signer(alg) };
}

function publicPart(
  certificate: X509Certificate,
  thumbprint: string,
  alg: SigningAlgorithm,
): PublicSigningKey {
  const publicKey = certificate.publicKey;
  return {
    thumbprint,
    kid: Buffer.from(thumbprint, 'hex').toString('base64url'),
    alg,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    certificate,
  };
}
