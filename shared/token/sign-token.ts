import { createHash, type KeyObject, type SignKeyObjectInput, sign } from 'node:crypto';
import type { SigningAlgorithm, SigningKey } from '../certs/signing-key.js';

/**
 * node:crypto's parameters for the JWS algorithms the service issues (RFC 7518 3.3 and 3.4).
 * ES256 signatures are R || S, 64 bytes, not the DER that crypto.sign returns by default.
 */
function signingParameters(alg: SigningAlgorithm, privateKey: KeyObject): SignKeyObjectInput {
  return alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : { key: privateKey };
}

const base64url = (json: string) => Buffer.from(json, 'utf8').toString('base64url');

function signLocally(input: Buffer, alg: SigningAlgorithm, privateKey: KeyObject): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    sign('sha256', input, signingParameters(alg, privateKey), (error, signature) => {
      if (error) reject(error);
      else resolve(signature);
    });
  });
}

/**
 * Signs a claim set with the site's key: a compact JWS, `base64url(header).base64url(claims).
 * base64url(signature)`, the same bytes jose's SignJWT produces for these inputs. The header names
 * the key (`kid`, equal to the JWKS `x5t`) so validators holding several keys during a rotation
 * pick the right one.
 *
 * A key in memory signs here; a key that stays in Key Vault signs the SHA-256 digest of the same
 * input remotely (key.remote), which gives the same signature bytes a validator checks.
 *
 * Why not jose's SignJWT: profiling the token handler (docs/performance.md) showed its per-token
 * work (a structuredClone of the claims, header checks, WebCrypto's argument conversion) as a large
 * part of the handler's own cost. crypto.sign with a callback signs on libuv's thread pool, so the
 * event loop stays free while the RSA or ECDSA operation runs, as it did with WebCrypto.
 */
export async function signToken(
  claims: Record<string, unknown>,
  key: SigningKey,
  typ = 'JWT',
): Promise<string> {
  // Inside the async function: a claim set JSON cannot encode (a BigInt, a cycle) rejects, never throws.
  const header = base64url(JSON.stringify({ alg: key.alg, typ, kid: key.kid }));
  const input = `${header}.${base64url(JSON.stringify(claims))}`;
  const signature = await signBytes(Buffer.from(input, 'ascii'), key);
  return `${input}.${signature.toString('base64url')}`;
}

/** The JWS signature (RS256 or ES256 as r || s) of `bytes` with the key, in process or in the vault. */
export function signBytes(bytes: Buffer, key: SigningKey): Promise<Buffer> {
  return key.remote
    ? key.remote.sign(createHash('sha256').update(bytes).digest())
    : signLocally(bytes, key.alg, key.privateKey);
}
