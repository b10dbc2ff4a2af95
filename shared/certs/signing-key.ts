import type { KeyObject, X509Certificate } from 'node:crypto';

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

/** Where signing certificates come from: Key Vault in Azure, a local folder in development. */
export interface CertificateStore {
  /**
   * The certificate with this thumbprint (normalised uppercase hex), or the deployment's default
   * certificate when `thumbprint` is undefined. Throws StsError PortalSTS0018 when none matches,
   * PortalSTS0011 when the store cannot be reached, PortalSTS0014 when the certificate cannot sign.
   */
  get(thumbprint: string | undefined): Promise<SigningKey>;
  /**
   * Every version of the certificate with this name, oldest first. PortalSTS0018 when there is no
   * such certificate, PortalSTS0011 when the store cannot be reached.
   */
  versions?(name: string): Promise<CertificateVersionInfo[]>;
}
