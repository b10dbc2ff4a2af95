import type { KeyObject, X509Certificate } from 'node:crypto';

export type SigningAlgorithm = 'RS256' | 'ES256';

/** A certificate with its private key, ready to sign. Built once per thumbprint and cached. */
export interface SigningKey {
  /** Uppercase hex SHA-1 of the certificate (what admins put in site settings). */
  thumbprint: string;
  /** The JWT `kid`: base64url SHA-1 of the certificate, equal to its JWK `x5t` (as Entra ID does). */
  kid: string;
  alg: SigningAlgorithm;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SubjectPublicKeyInfo PEM, as /_services/auth/publickey serves it. */
  publicKeyPem: string;
  certificate: X509Certificate;
}

/** Where signing certificates come from: Key Vault in Azure, a local folder in development. */
export interface CertificateStore {
  /**
   * The certificate with this thumbprint (normalised uppercase hex), or the deployment's default
   * certificate when `thumbprint` is undefined. Throws StsError PortalSTS0018 when none matches,
   * PortalSTS0011 when the store cannot be reached, PortalSTS0014 when the certificate cannot sign.
   */
  get(thumbprint: string | undefined): Promise<SigningKey>;
}
