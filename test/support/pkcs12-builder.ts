import { createHash, createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

/*
 * A minimal PKCS#12 writer (RFC 7292). forge's own writer only handles RSA keys, and an admin
 * may import EC P-256 certificates too. forge is used for the ASN.1 encoding and the PKCS#12
 * MAC key derivation; node:crypto encrypts the key (PBES2, AES-256-CBC, as OpenSSL 3 does).
 */
const { asn1 } = forge;
const { Class, Type } = asn1;
const OID = {
  data: '1.2.840.113549.1.7.1',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  sha256: '2.16.840.1.101.3.4.2.1',
};
const MAC_ITERATIONS = 2048;

const bytes = (buffer: Uint8Array): string => Buffer.from(buffer).toString('binary');
const seq = (value: forge.asn1.Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, value);
const set = (value: forge.asn1.Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SET, true, value);
const oid = (value: string) => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(value).getBytes());
const octets = (value: string) => asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, value);
const explicit0 = (value: forge.asn1.Asn1) => asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [value]);
const der = (value: forge.asn1.Asn1) => asn1.toDer(value).getBytes();

function safeBag(bagId: string, value: forge.asn1.Asn1, localKeyId: string): forge.asn1.Asn1 {
  // localKeyId ties the key to its certificate, as Windows and OpenSSL expect.
  return seq([oid(bagId), explicit0(value), set([seq([oid(OID.localKeyId), set([octets(localKeyId)])])])]);
}

function dataContentInfo(safeContents: forge.asn1.Asn1): forge.asn1.Asn1 {
  return seq([oid(OID.data), explicit0(octets(der(safeContents)))]);
}

/**
 * A PFX holding one certificate and its private key (RSA or EC). With a password the key is
 * encrypted and the MAC keyed with it; without one the key is stored in clear and the MAC uses
 * the empty password, which Windows, OpenSSL and Key Vault all open.
 */
export function toPkcs12(certPem: string, keyPem: string, password?: string): Buffer {
  const certificate = new X509Certificate(certPem);
  const privateKey = createPrivateKey(keyPem);
  const localKeyId = bytes(createHash('sha1').update(certificate.raw).digest());

  const keyBag = password
    ? safeBag(
        OID.shroudedKeyBag,
        asn1.fromDer(
          bytes(
            privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: password }),
          ),
        ),
        localKeyId,
      )
    : safeBag(
        OID.keyBag,
        asn1.fromDer(bytes(privateKey.export({ type: 'pkcs8', format: 'der' }))),
        localKeyId,
      );
  const certBag = safeBag(
    OID.certBag,
    seq([oid(OID.x509Certificate), explicit0(octets(bytes(certificate.raw)))]),
    localKeyId,
  );

  const authenticatedSafe = der(seq([dataContentInfo(seq([certBag])), dataContentInfo(seq([keyBag]))]));

  const salt = randomBytes(16).toString('binary');
  const md = forge.md.sha256.create();
  const macKey = forge.pkcs12.generateKey(
    password ?? '',
    forge.util.createBuffer(salt),
    3,
    MAC_ITERATIONS,
    32,
    md,
  );
  const hmac = forge.hmac.create();
  hmac.start(md, macKey);
  hmac.update(authenticatedSafe);
  const macData = seq([
    seq([
      seq([oid(OID.sha256), asn1.create(Class.UNIVERSAL, Type.NULL, false, '')]),
      octets(hmac.digest().getBytes()),
    ]),
    octets(salt),
    asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(MAC_ITERATIONS).getBytes()),
  ]);

  const pfx = seq([
    asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(3).getBytes()),
    seq([oid(OID.data), explicit0(octets(authenticatedSafe))]),
    macData,
  ]);
  return Buffer.from(der(pfx), 'binary');
}

/**
 * A PFX as older Windows and OpenSSL 1.x write it, by node-forge's own writer: the RSA key under
 * pbeWithSHAAnd3-KeyTripleDES-CBC and a SHA-1 MAC (or none). Without a certificate when `certPem`
 * is omitted.
 */
export function toLegacyPkcs12(
  keyPem: string,
  certPem: string | undefined,
  password: string,
  options: { mac?: boolean } = {},
): Buffer {
  const key = forge.pki.privateKeyFromPem(keyPem);
  const certs = certPem ? [forge.pki.certificateFromPem(certPem)] : [];
  const pfx = forge.pkcs12.toPkcs12Asn1(key, certs, password, {
    algorithm: '3des',
    useMac: options.mac ?? true,
    generateLocalKeyId: certs.length > 0,
  });
  return Buffer.from(asn1.toDer(pfx).getBytes(), 'binary');
}
