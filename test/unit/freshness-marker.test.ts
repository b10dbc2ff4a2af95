import { X509Certificate } from 'node:crypto';
import { HttpRequest } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import {
  buildSelfSignedCertificate,
  type DevKeyType,
  generateSigningKey,
} from '../../dev/dev-certificate.js';
import { createRemoteSigningKey, createSigningKey, type SigningKey } from '../../shared/certs/signing-key.js';
import { AuthorizeParams } from '../../shared/oidc/authorize/authorize-params.js';
import { signMarker, verifyMarker } from '../../shared/oidc/authorize/sign-in-redirect.js';
import { signDigest } from '../support/keyvault-server/sign-digest.js';

const NOW = 1_800_000_000;
const URL_OF = 'https://sts.example/contoso/oauth2/v1/auth?client_id=spa&prompt=login&nonce=n';

/** A key in memory, and the same certificate as a key that signs elsewhere (as Key Vault does). */
function keysFor(keyType: DevKeyType): { local: SigningKey; remote: SigningKey } {
  const privateKey = generateSigningKey(keyType);
  const certificate = new X509Certificate(
    buildSelfSignedCertificate({
      privateKey,
      commonName: 'marker',
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86_400_000),
    }),
  );
  const local = createSigningKey(certificate, privateKey);
  // The test vault's own digest signing: what Key Vault's sign operation returns.
  const remote = createRemoteSigningKey(certificate, () => ({
    sign: async (digest) => signDigest(privateKey, digest),
  }));
  return { local, remote };
}

async function paramsOf(url: string) {
  const request = new HttpRequest({ url, method: 'GET' });
  return { request, params: await AuthorizeParams.read(request) };
}

describe('the auth_after marker', () => {
  for (const keyType of ['rsa', 'ec'] as const) {
    it(`a ${keyType} key that never leaves the vault signs a marker any instance can check`, async () => {
      const { remote, local } = keysFor(keyType);
      const { request, params } = await paramsOf(URL_OF);
      const marker = await signMarker(remote, request, params, NOW);
      expect(verifyMarker(remote, request, params, marker, NOW + 5)).toBe(NOW);
      expect(verifyMarker(local, request, params, marker, NOW + 5)).toBe(NOW);
    });
  }

  it('is refused for another request, another key, a forged time, or when too old', async () => {
    const { local } = keysFor('rsa');
    const other = keysFor('rsa').local;
    const { request, params } = await paramsOf(URL_OF);
    const marker = await signMarker(local, request, params, NOW);
    const elsewhere = await paramsOf(URL_OF.replace('nonce=n', 'nonce=m'));
    expect(verifyMarker(local, elsewhere.request, elsewhere.params, marker, NOW)).toBeUndefined();
    expect(verifyMarker(other, request, params, marker, NOW)).toBeUndefined();
    const signature = marker.split('.')[1];
    expect(verifyMarker(local, request, params, `${NOW + 1}.${signature}`, NOW + 1)).toBeUndefined();
    expect(verifyMarker(local, request, params, marker, NOW + 901)).toBeUndefined();
    expect(verifyMarker(local, request, params, '0', NOW)).toBeUndefined();
  });
});
