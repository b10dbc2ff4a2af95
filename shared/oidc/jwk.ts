import type { JWK } from 'jose';
import type { SigningKey } from '../certs/signing-key.js';

export interface PublicJwk extends JWK {
  kid: string;
  use: 'sig';
  alg: string;
  x5t: string;
  x5c: string[];
}

const cache = new WeakMap<SigningKey, PublicJwk>();

/**
 * The public JWK of a signing key with its certificate (x5c) and SHA-1 thumbprint (x5t = kid), as
 * Entra ID publishes its keys: validators that pin certificates (API Management, ASP.NET) use them.
 */
export function toPublicJwk(key: SigningKey): PublicJwk {
  const known = cache.get(key);
  if (known) return known;
  const { kty, n, e, crv, x, y } = key.publicKey.export({ format: 'jwk' });
  const material = kty === 'RSA' ? { kty, n, e } : { kty, crv, x, y };
  const jwk: PublicJwk = {
    ...material,
    kid: key.kid,
    use: 'sig',
    alg: key.alg,
    x5t: key.kid,
    x5c: [key.certificate.raw.toString('base64')],
  };
  cache.set(key, jwk);
  return jwk;
}
