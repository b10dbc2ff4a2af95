import { SignJWT } from 'jose';
import type { SigningKey } from '../certs/signing-key.js';

/**
 * Signs a claim set with the site's key. The header names the key (`kid`, equal to the JWKS `x5t`)
 * so validators holding several keys during a rotation pick the right one.
 */
export function signToken(claims: Record<string, unknown>, key: SigningKey, typ = 'JWT'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, typ, kid: key.kid }).sign(key.privateKey);
}
