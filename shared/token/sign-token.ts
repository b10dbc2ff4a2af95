import { type KeyObject, type SignKeyObjectInput, sign } from 'node:crypto';
import type { SigningAlgorithm, SigningKey } from '../certs/signing-key.js';

/**
 * node:crypto's parameters for the JWS algorithms the service issues (RFC 7518 3.3 and 3.4).
 * ES256 signatures are R || S, 64 bytes, not the DER that crypto.sign returns by default.
 */
function signingParameters(alg: SigningAlgorithm, privateKey: KeyObject): SignKeyObjectInput {
  return alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : { key: privateKey };
}

const base64url = (json: string) => Buffer.from(json, 'utf8').toString('base64url');

/**
 * Signs a claim set with the site's key: a compact JWS, `base64url(header).base64url(claims).
 * base64url(signature)`, the same bytes jose's SignJWT produces for these inputs. The header names
 * the key (`kid`, equal to the JWKS `x5t`) so validators holding several keys during a rotation
 * pick the right one.
 *
 * Why not jose's SignJWT: profiling the token handler (docs/performance.md) showed its per-token
 * work (a structuredClone of the claims, header checks, WebCrypto's argument conversion) as a large
 * part of the handler's own cost. crypto.sign with a callback signs on libuv's thread pool, so the
 * event loop stays free while the RSA or ECDSA operation runs, as it did with WebCrypto.
 */
export function signToken(claims: Record<string, unknown>, key: SigningKey, typ = 'JWT'): Promise<string> {
  return new Promise((resolve, reject) => {
    // Inside the executor: a claim set JSON cannot encode (a BigInt, a cycle) rejects, never throws.
    const header = base64url(JSON.stringify({ alg: key.alg, typ, kid: key.kid }));
    const input = `${header}.${base64url(JSON.stringify(claims))}`;
    sign(
      'sha256',
      Buffer.from(input, 'ascii'),
      signingParameters(key.alg, key.privateKey),
      (error, signature) => {
        if (error) reject(error);
        else resolve(`${input}.${signature.toString('base64url')}`);
      },
    );
  });
}
