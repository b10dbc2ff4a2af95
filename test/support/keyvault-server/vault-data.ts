import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { pairCertificateWithKey } from '../../../shared/certs/certificate-contents.js';
import { readPkcs12 } from '../../../shared/certs/pkcs12.js';
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
}

export interface ImportRequest {
  value?: string;
  pwd?: string;
  policy?: { secret_props?: { contentType?: string } };
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
export function importVersion(name: string, request: ImportRequest, now = Date.now()): CertificateVersion {
  const contentType = (request.policy?.secret_props?.contentType ??
    'application/x-pkcs12') as SecretContentType;
  if (!request.value) throw new BadRequest('value is required');
  let certificate: X509Certificate;
  let secretValue: string;
  if (contentType === 'application/x-pem-file') {
    if (!request.value.includes('-----BEGIN PRIVATE KEY-----'))
      throw new BadRequest('the PEM needs a PKCS#8 private key');
    const block = request.value.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
    if (!block) throw new BadRequest('the PEM has no certificate');
    certificate = new X509Certificate(block);
    secretValue = request.value;
  } else if (contentType === 'application/x-pkcs12') {
    const pfx = Buffer.from(request.value, 'base64');
    let pair: ReturnType<typeof pairCertificateWithKey>;
    try {
      pair = pairCertificateWithKey(readPkcs12(pfx, request.pwd));
    } catch (error) {
      throw new BadRequest(`the PFX cannot be read: ${(error as Error).message}`);
    }
    if (!pair.privateKey) throw new BadRequest('the PFX has no private key for its certificate');
    certificate = pair.certificate;
    const keyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    secretValue = request.pwd ? toPkcs12(certificate.toString(), keyPem).toString('base64') : request.value;
  } else throw new BadRequest(`unsupported contentType ${contentType}`);
  const created = Math.floor(now / 1000);
  return {
    name,
    version: randomBytes(16).toString('hex'),
    certificate,
    contentType,
    secretValue,
    enabled: request.attributes?.enabled ?? true,
    created,
    updated: created,
    tags: request.tags,
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
  const key = v.certificate.publicKey;
  const keyProps =
    key.asymmetricKeyType === 'ec'
      ? { exportable: true, kty: 'EC', crv: 'P-256', reuse_key: false }
      : { exportable: true, kty: 'RSA', key_size: key.asymmetricKeyDetails?.modulusLength, reuse_key: false };
  return {
    id: `${vault}/certificates/${v.name}/${v.version}`,
    kid: `${vault}/keys/${v.name}/${v.version}`,
    sid: `${vault}/secrets/${v.name}/${v.version}`,
    x5t: x5t(v),
    cer: v.certificate.raw.toString('base64'),
    attributes: attributes(v),
    ...(v.tags ? { tags: v.tags } : {}),
    policy: {
      id: `${vault}/certificates/${v.name}/policy`,
      key_props: keyProps,
      secret_props: { contentType: v.contentType },
      x509_props: {
        subject: v.certificate.subject.replace(/\n/g, ', '),
        ekus: [],
        key_usage: ['digitalSignature'],
      },
      lifetime_actions: [{ trigger: { lifetime_percentage: 80 }, action: { action_type: 'EmailContacts' } }],
      issuer: { name: 'Unknown' },
      attributes: { enabled: true, created: v.created, updated: v.updated },
    },
  };
}

export function secretBundle(vault: string, v: CertificateVersion) {
  return {
    value: v.secretValue,
    contentType: v.contentType,
    id: `${vault}/secrets/${v.name}/${v.version}`,
    kid: `${vault}/keys/${v.name}/${v.version}`,
    managed: true,
    attributes: attributes(v),
  };
}
