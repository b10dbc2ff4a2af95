import { constants, type KeyObject, sign } from 'node:crypto';
import { SignJWT } from 'jose';

export type JwsAlg = 'RS256' | 'PS256' | 'ES256';

export interface RawSigner {
  alg: JwsAlg;
  key: KeyObject;
  kid: string;
}

/** The baseline: jose's SignJWT, as the service called it before any change, with the same header. */
export function joseSign(claims: Record<string, unknown>, signer: RawSigner): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: signer.alg, typ: 'JWT', kid: signer.kid })
    .sign(signer.key);
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function signingInput(claims: Record<string, unknown>, signer: RawSigner): string {
  return `${b64url({ alg: signer.alg, typ: 'JWT', kid: signer.kid })}.${b64url(claims)}`;
}

/** node:crypto options per JWS algorithm (RFC 7518 3.3-3.5). */
function keyOptions(signer: RawSigner) {
  if (signer.alg === 'ES256') return { key: signer.key, dsaEncoding: 'ieee-p1363' as const };
  if (signer.alg === 'PS256')
    return { key: signer.key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  return { key: signer.key };
}

/** crypto.sign without a callback: the signature is computed on the main thread, blocking it. */
export async function nodeSignSync(claims: Record<string, unknown>, signer: RawSigner): Promise<string> {
  const input = signingInput(claims, signer);
  const signature = sign('sha256', Buffer.from(input), keyOptions(signer));
  return `${input}.${signature.toString('base64url')}`;
}

/** crypto.sign with a callback: the signature is computed on libuv's thread pool. */
export function nodeSignAsync(claims: Record<string, unknown>, signer: RawSigner): Promise<string> {
  const input = signingInput(claims, signer);
  return new Promise((resolve, reject) => {
    sign('sha256', Buffer.from(input), keyOptions(signer), (error, signature) => {
      if (error) reject(error);
      else resolve(`${input}.${signature.toString('base64url')}`);
    });
  });
}
