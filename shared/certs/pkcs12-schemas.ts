import { EncryptedContentInfo } from '@peculiar/asn1-cms';
import { AsnProp, AsnPropTypes, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';

/*
 * The ASN.1 structures a PFX needs that the @peculiar packages do not define (PKCS#5 and
 * PKCS#12 encryption parameters, CMS EncryptedData). The schema decorators are applied as plain
 * calls, so the project needs no decorator compiler setting.
 */
function define(target: object, fields: [string, Parameters<typeof AsnProp>[0]][]): void {
  for (const [name, options] of fields) AsnProp(options)(target, name);
}

/** PBES2-params (RFC 8018 A.4). */
export class Pbes2Params {
  keyDerivationFunc = new AlgorithmIdentifier();
  encryptionScheme = new AlgorithmIdentifier();
}
define(Pbes2Params.prototype, [
  ['keyDerivationFunc', { type: AlgorithmIdentifier }],
  ['encryptionScheme', { type: AlgorithmIdentifier }],
]);

/** PBKDF2-params (RFC 8018 A.2); the salt's `otherSource` choice is not used by any writer. */
export class Pbkdf2Params {
  salt = new OctetString();
  iterationCount = 0;
  keyLength?: number;
  prf?: AlgorithmIdentifier;
}
define(Pbkdf2Params.prototype, [
  ['salt', { type: OctetString }],
  ['iterationCount', { type: AsnPropTypes.Integer }],
  ['keyLength', { type: AsnPropTypes.Integer, optional: true }],
  ['prf', { type: AlgorithmIdentifier, optional: true }],
]);

/** pkcs-12PbeParams (RFC 7292 Appendix C). */
export class Pkcs12PbeParams {
  salt = new OctetString();
  iterations = 0;
}
define(Pkcs12PbeParams.prototype, [
  ['salt', { type: OctetString }],
  ['iterations', { type: AsnPropTypes.Integer }],
]);

/** CMS EncryptedData (RFC 5652 8), which holds a PFX's password-encrypted SafeContents. */
export class EncryptedData {
  version = 0;
  encryptedContentInfo = new EncryptedContentInfo();
}
define(EncryptedData.prototype, [
  ['version', { type: AsnPropTypes.Integer }],
  ['encryptedContentInfo', { type: EncryptedContentInfo }],
]);
