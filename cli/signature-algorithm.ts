import type { X509Certificate } from 'node:crypto';
import forge from 'node-forge';

/** Signature algorithms by OID. Only the SHA-2 family is accepted, as Power Pages requires. */
const ALGORITHMS: Record<string, { name: string; sha2: boolean }> = {
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', sha2: true },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', sha2: true },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', sha2: true },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', sha2: true },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', sha2: true },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', sha2: true },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', sha2: false },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', sha2: false },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', sha2: false },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', sha2: false },
};

/**
 * The algorithm the issuer signed the certificate with: the second element of the Certificate
 * SEQUENCE (RFC 5280 4.1.1.2). Read from the DER with forge's ASN.1 parser because node:crypto's
 * X509Certificate does not expose it, and forge's certificate reader cannot read EC certificates.
 * RSASSA-PSS is refused rather than guessed at: its hash is in its parameters, which this does not read.
 */
export function signatureAlgorithm(certificate: X509Certificate): {
  oid: string;
  name: string;
  sha2: boolean;
} {
  const der = forge.asn1.fromDer(forge.util.createBuffer(certificate.raw.toString('binary')));
  const parts = der.value as forge.asn1.Asn1[];
  const algorithm = (parts[1]?.value as forge.asn1.Asn1[] | undefined)?.[0];
  const oid = algorithm ? forge.asn1.derToOid(forge.util.createBuffer(algorithm.value as string)) : 'unknown';
  return { oid, ...(ALGORITHMS[oid] ?? { name: oid, sha2: false }) };
}
