import { createHash, sign } from 'node:crypto';
import { promisify } from 'node:util';
import type { SigningKey } from '../certs/signing-key.js';

const base64url = (json: string) => Buffer.from(json, 'utf8').toString('base64url');
const signAsync = promisify(sign);

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
  if (key.remote) return key.remote.sign(createHash('sha256').update(bytes).digest());
  // RFC 7518 3.4: ES256 signatures are R || S, 64 bytes, not the DER that crypto.sign returns by default.
  const { privateKey } = key;
  return signAsync(
    'sha256',
    bytes,
    key.alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey,
  );
}
