import { createHash, type KeyObject, randomBytes, X509Certificate } from 'node:crypto';
import { readPkcs12 } from '../../../shared/certs/pkcs12.js';
import { pairCertificateWithKey, readPemBundle } from '../../../shared/certs/read-certificate-file.js';
import { toPkcs12 } from '../pkcs12-builder.js';

/*
 * The vault's contents and their JSON shapes, as the Key Vault REST API (2025-07-01) returns
 * them: CertificateBundle, CertificateItem, SecretBundle. Dates are Unix seconds; x5t is
 * base64url SHA-1; cer is base64 DER; ids are `<vault>/<collection>/<name>[/<version>]`.
 */
export type SecretContentType = 'application/x-pkcs12' | 'application/x-pem-file';

export interface CertificateVersion {
  name: string;
  version: string;
  certificate: X509Certificate;
  contentType: SecretContentType;
  /** The secret value: base64 PFX without a password, or the PEM text. */
  secretValue: string;
  enabled: boolean;
  created: number;
  updated: number;
  tags: Record<string, string> | undefined;
  /** Key Vault keeps the key for its `sign` operation, whether or not the secret holds it. */
  privateKey: KeyObject;
  /** The policy's key_props: `exportable: false` or an HSM kty means the secret has no key. */
  exportable: boolean;
  kty: KeyType;
}

export type KeyType = 'RSA' | 'RSA-HSM' | 'EC' | 'EC-HSM';

export interface ImportRequest {
  value?: string;
  pwd?: string;
  policy?: {
    secret_props?: { contentType?: string };
    key_props?: { exportable?: boolean; kty?: string };
  };
  attributes?: { enabled?: boolean };
  tags?: Record<string, string>;
}

export class BadRequest extends Error {}

const seconds = (date: string | number) => Math.floor(new Date(date).getTime() / 1000);

/**
 * What Key Vault does on import: it reads the certificate and key, and keeps the key as the
 * certificate's secret; a PFX is stored re-encoded without its password, a PEM file as it is
 * (and only with a PKCS#8 key, as the service requires).
 */
export async function importVersion(
  name: string,
  request: ImportRequest,
  now = Date.now(),
): Promise<CertificateVersion> {
  const contentType = (request.policy?.secret_props?.contentType ??
    'application/x-pkcs12') as SecretContentType;
  if (!request.value) throw new BadRequest('value is required');
  let certificate: X509Certificate;
  let secretValue: string;
  let privateKey: KeyObject;
  if (contentType === 'application/x-pem-file') {
    if (!request.value.includes('-----BEGIN PRIVATE KEY-----'))
      throw new BadRequest('the PEM needs a PKCS#8 private key');
    const block = request.value.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
    if (!block) throw new BadRequest('the PEM has no certificate');
    certificate = new X509Certificate(block);
    const pair = pairCertificateWithKey(readPemBundle(request.value));
    if (!pair.privateKey) throw new BadRequest('the PEM has no private key for its certificate');
    privateKey = pair.privateKey;
    secretValue = request.value;
  } else if (contentType === 'application/x-pkcs12') {
    const pfx = Buffer.from(request.value, 'base64');
    let pair: ReturnType<typeof pairCertificateWithKey>;
    try {
      pair = pairCertificateWithKey(await readPkcs12(pfx, request.pwd));
    } catch (error) {
      throw new BadRequest(`the PFX cannot be read: ${(error as Error).message}`);
    }
    if (!pair.privateKey) throw new BadRequest('the PFX has no private key for its certificate');
    certificate = pair.certificate;
    privateKey = pair.privateKey;
    const keyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    secretValue = request.pwd ? toPkcs12(certificate.toString(), keyPem).toString('base64') : request.value;
  } else throw new BadRequest(`unsupported contentType ${contentType}`);
  const created = Math.floor(now / 1000);
  const isEc = certificate.publicKey.asymmetricKeyType === 'ec';
  const kty = (request.policy?.key_props?.kty ?? (isEc ? 'EC' : 'RSA')) as KeyType;
  if (!['RSA', 'RSA-HSM', 'EC', 'EC-HSM'].includes(kty) || kty.startsWith('EC') !== isEc)
    throw new BadRequest(`key type ${kty} does not match the certificate's key`);
  // Key Vault refuses to export HSM keys: an HSM-typed certificate is never exportable.
  const exportable = request.policy?.key_props?.exportable !== false && !kty.endsWith('-HSM');
  return {
    name,
    version: randomBytes(16).toString('hex'),
    certificate,
    contentType,
    // A non-exportable certificate's secret holds the certificate only, as in Key Vault.
    secretValue: exportable ? secretValue : certificate.toString(),
    enabled: request.attributes?.enabled ?? true,
    created,
    updated: created,
    tags: request.tags,
    privateKey,
    exportable,
    kty,
  };
}

function attributes(v: CertificateVersion) {
  return {
    enabled: v.enabled,
    nbf: seconds(v.certificate.validFrom),
    exp: seconds(v.certificate.validTo),
    created: v.created,
    updated: v.updated,
    recoveryLevel: 'Recoverable+Purgeable',
    recoverableDays: 90,
  };
}

const x5t = (v: CertificateVersion) => createHash('sha1').update(v.certificate.raw).digest('base64url');

/** CertificateItem: `withVersion` false for the vault-wide list, whose ids name no version. */
export function certificateItem(vault: string, v: CertificateVersion, withVersion: boolean) {
  const id = `${vault}/certificates/${v.name}${withVersion ? `/${v.version}` : ''}`;
  return { id, x5t: x5t(v), attributes: attributes(v), ...(v.tags ? { tags: v.tags } : {}), subject: '' };
}

export function certificateBundle(vault: string, v: CertificateVersion) {
  return {
    id: `${vault}/certificates/${v.name}/${v.version}`,
    kid: `${vault}/keys/${v.name}/${v.version}`,
    sid: `${vault}/secrets/${v.name}/${v.version}`,
    x5t: x5t(v),
    cer: v.certificate.raw.toString('base64'),
    attributes: attributes(v),
    ...(v.tags ? { tags: v.tags } : {}),
    policy: certificatePolicy(vault, v),
  };
}

/** The certificate's policy (Key Vault keeps one per certificate; here, the version's own). */
export function certificatePolicy(vault: string, v: CertificateVersion) {
  const key = v.certificate.publicKey;
  const keyProps =
    key.asymmetricKeyType === 'ec'
      ? { exportable: v.exportable, kty: v.kty, crv: 'P-256', reuse_key: false }
      : {
          exportable: v.exportable,
          kty: v.kty,
          key_size: key.asymmetricKeyDetails?.modulusLength,
          reuse_key: false,
        };
  return {
    id: `${vault}/certificates/${v.name}/policy`,
    key_props: keyProps,
    secret_props: { contentType: v.exportable ? v.contentType : 'application/x-pem-file' },
    x509_props: {
      subject: v.certificate.subject.replace(/\n/g, ', '),
      ekus: [],
      key_usage: ['digitalSignature'],
    },
    lifetime_actions: [{ trigger: { lifetime_percentage: 80 }, action: { action_type: 'EmailContacts' } }],
    issuer: { name: 'Unknown' },
    attributes: { enabled: true, created: v.created, updated: v.updated },
  };
}

export function secretBundle(vault: string, v: CertificateVersion) {
  return {
    value: v.secretValue,
    contentType: v.exportable ? v.contentType : 'application/x-pem-file',
    id: `${vault}/secrets/${v.name}/${v.version}`,
    kid: `${vault}/keys/${v.name}/${v.version}`,
    managed: true,
    attributes: attributes(v),
  };
}

/** KeyBundle: the public JWK of the certificate's key, as GET /keys/{name}/{version} returns it. */
export function keyBundle(vault: string, v: CertificateVersion) {
  const { kty: _kty, ...material } = v.certificate.publicKey.export({ format: 'jwk' });
  return {
    key: {
      kid: `${vault}/keys/${v.name}/${v.version}`,
      kty: v.kty,
      key_ops: ['sign', 'verify'],
      ...material,
    },
    attributes: attributes(v),
    managed: true,
  };
}
