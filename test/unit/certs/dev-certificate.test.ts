import { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  Certificate,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  KeyUsage,
  KeyUsageFlags,
} from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import { createDevCertificate } from '../../../dev/dev-certificate.js';
import { readCertificateBytes } from '../../../shared/certs/read-certificate-file.js';

const DAY_MS = 86_400_000;

function parsed(pem: string): Certificate {
  return AsnConvert.parse(new X509Certificate(pem).raw, Certificate);
}

describe('createDevCertificate', () => {
  it.each([
    ['rsa', 'rsa', '1.2.840.113549.1.1.11', 2048],
    ['ec', 'ec', '1.2.840.10045.4.3.2', 'prime256v1'],
  ] as const)(
    'writes a self-signed %s signing certificate with its key, mode 0600',
    async (keyType, type, signatureOid, size) => {
      const dir = join(tmpdir(), `portal-sts-dev-cert-${process.pid}-${keyType}`);
      const before = Date.now();
      const { path, thumbprint } = await createDevCertificate({ dir, name: 'dev', keyType, days: 10 });
      const after = Date.now();
      const text = await readFile(path, 'utf8');
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      const { certificate, privateKey } = await readCertificateBytes(Buffer.from(text));
      expect(certificate.fingerprint.replaceAll(':', '')).toBe(thumbprint);
      expect(privateKey && certificate.checkPrivateKey(privateKey)).toBe(true);
      expect(certificate.verify(certificate.publicKey)).toBe(true);
      expect(certificate.subject).toBe('CN=portal-sts development (dev)');
      expect(certificate.issuer).toBe(certificate.subject);
      expect(privateKey?.asymmetricKeyType).toBe(type);
      const details = privateKey?.asymmetricKeyDetails;
      expect(type === 'rsa' ? details?.modulusLength : details?.namedCurve).toBe(size);
      // Valid from five minutes back (clock skew) for the requested days.
      expect(Date.parse(certificate.validFrom)).toBeLessThanOrEqual(before - 4 * 60_000);
      expect(Date.parse(certificate.validTo) - before).toBeGreaterThan(10 * DAY_MS - 60_000);
      expect(Date.parse(certificate.validTo) - after).toBeLessThanOrEqual(10 * DAY_MS + 1_000);

      const { tbsCertificate, signatureAlgorithm } = parsed(certificate.toString());
      expect(tbsCertificate.version).toBe(2); // v3
      expect(tbsCertificate.serialNumber.byteLength).toBeLessThanOrEqual(16);
      expect((new Uint8Array(tbsCertificate.serialNumber)[0] ?? 0x80) & 0x80).toBe(0);
      expect(signatureAlgorithm.algorithm).toBe(signatureOid);
      // RSA signature algorithms carry NULL parameters, ECDSA ones none.
      expect(signatureAlgorithm.parameters === undefined).toBe(type === 'ec');
      const extensions = new Map(tbsCertificate.extensions?.map((e) => [e.extnID, e]));
      const basic = extensions.get(id_ce_basicConstraints);
      const usage = extensions.get(id_ce_keyUsage);
      expect(basic?.critical).toBe(true);
      expect(AsnConvert.parse(basic?.extnValue ?? new ArrayBuffer(0), BasicConstraints).cA).toBe(false);
      expect(usage?.critical).toBe(true);
      expect(usage && AsnConvert.parse(usage.extnValue, KeyUsage).toNumber()).toBe(
        KeyUsageFlags.digitalSignature,
      );
    },
  );
});
