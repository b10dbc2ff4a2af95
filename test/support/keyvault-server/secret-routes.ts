import { sendJson } from './http-json.js';
import { pickVersion, sendNotFound, type VaultCall, type VaultContents, versionsOf } from './vault-call.js';
import { secretBundle } from './vault-data.js';

/** GET secrets/{name}[/{version}]: a certificate version's secret (its key too, if exportable). */
export function getSecret(
  call: VaultCall,
  contents: VaultContents,
  name: string,
  versionId: string | undefined,
): void {
  const version = pickVersion(versionsOf(contents, name), versionId);
  if (!version) {
    sendNotFound(call, 'Secret');
    return;
  }
  sendJson(call.response, 200, secretBundle(call.vault, version));
}
