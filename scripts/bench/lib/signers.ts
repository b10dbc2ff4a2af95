import { constants, type KeyObject, sign } from 'node:crypto';
import { SignJWT } from 'jose';

export type JwsAlg = 'RS256' | 'PS256' | 'ES256';
export type RawSigner = { alg: JwsAlg; key: KeyObject; kid: string };
type Claims = Record<string, unknown>;

/** The baseline: jose's SignJWT, as the service called it before it signed itself, with the same header. */
export const joseSign = (claims: Claims, s: RawSigner) =>
  new SignJWT(claims).setProtectedHeader({ alg: s.alg, typ: 'JWT', kid: s.kid }).sign(s.key);

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const input = (claims: Claims, s: RawSigner) =>
  `${b64url({ alg: s.alg, typ: 'JWT', kid: s.kid })}.${b64url(claims)}`;

/** node:crypto options per JWS algorithm (RFC 7518 3.3-3.5). */
function keyOptions(s: RawSigner) {
  if (s.alg === 'ES256') return { key: s.key, dsaEncoding: 'ieee-p1363' as const };
  if (s.alg === 'PS256') return { key: s.key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  return { key: s.key };
}

/** crypto.sign without a callback: the signature is computed on the main thread, blocking it. */
export async function nodeSignSync(claims: Claims, s: RawSigner): Promise<string> {
  const data = input(claims, s);
  return `${data}.${sign('sha256', Buffer.from(data), keyOptions(s)).toString('base64url')}`;
}

/** crypto.sign with a callback: the signature is computed on libuv's thread pool. */
export function nodeSignAsync(claims: Claims, s: RawSigner): Promise<string> {
  const data = input(claims, s);
  return new Promise((resolve, reject) =>
    sign('sha256', Buffer.from(data), keyOptions(s), (error, signature) =>
      error ? reject(error) : resolve(`${data}.${signature.toString('base64url')}`),
    ),
  );
}
