import { sendError, sendJson } from './http-json.js';
import { signDigest } from './sign-digest.js';
import { findVersion, type VaultCall, type VaultContents } from './vault-call.js';
import { keyBundle } from './vault-data.js';

/** GET keys/{name}/{version}: the public half of a certificate version's key, as a JWK. */
export function getKey(call: VaultCall, contents: VaultContents, name: string, versionId: string): void {
  const version = findVersion(call, contents, name, versionId, 'Key');
  if (!version) return;
  sendJson(call.response, 200, keyBundle(call.vault, version));
}

/**
 * POST keys/{name}/{version}/sign: `{alg, value}` (a base64url digest) → `{kid, value}`, signed
 * inside the vault: the way a certificate whose key is not exportable signs tokens.
 */
export function signWithKey(call: VaultCall, contents: VaultContents, name: string, versionId: string): void {
  const version = findVersion(call, contents, name, versionId, 'Key');
  if (!version) return;
  const { alg, value } = JSON.parse(call.body || '{}') as { alg?: string; value?: string };
  const expected = version.kty.startsWith('EC') ? 'ES256' : 'RS256';
  const digest = Buffer.from(value ?? '', 'base64url');
  if (alg !== expected || digest.length !== 32) {
    sendError(call.response, 400, 'BadParameter', `expected ${expected} over a 32-byte digest`);
  } else if (!version.enabled) {
    sendError(call.response, 403, 'Forbidden', 'Operation sign is not allowed on a disabled key.');
  } else {
    const signature = signDigest(version.privateKey, digest).toString('base64url');
    sendJson(call.response, 200, {
      kid: `${call.vault}/keys/${version.name}/${version.version}`,
      value: signature,
    });
  }
}
