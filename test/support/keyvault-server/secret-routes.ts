import { sendJson } from './http-json.js';
import { findVersion, type VaultCall, type VaultContents } from './vault-call.js';
import { secretBundle } from './vault-data.js';

/** GET secrets/{name}[/{version}]: a certificate version's secret (its key too, if exportable). */
export function getSecret(
  call: VaultCall,
  contents: VaultContents,
  name: string,
  versionId: string | undefined,
): void {
  const version = findVersion(call, contents, name, versionId, 'Secret');
  if (!version) return;
  sendJson(call.response, 200, secretBundle(call.vault, version));
}
