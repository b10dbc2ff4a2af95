import type { ServerResponse } from 'node:http';
import { sendError } from './http-json.js';
import type { CertificateVersion } from './vault-data.js';

/** The vault's contents: each certificate's versions, oldest first, under its lower-cased name. */
export type VaultContents = Map<string, CertificateVersion[]>;

/** One REST call to the vault, read and parsed once for the routes that answer it. */
export interface VaultCall {
  method: string;
  url: URL;
  /** The vault's URL as the client addressed it: the ids in the answers start with it. */
  vault: string;
  /** The path's segments: collection, name, then a version or an action, then an action. */
  segments: string[];
  body: string;
  response: ServerResponse;
}

/** A certificate's versions, oldest first (none if unknown): Key Vault names are case-insensitive. */
export function versionsOf(contents: VaultContents, name: string): CertificateVersion[] {
  return contents.get(name.toLowerCase()) ?? [];
}

/**
 * The named version of a certificate, or its latest when no version is named; when there is none,
 * the service's 404 is sent and the answer is undefined.
 */
export function findVersion(
  call: VaultCall,
  contents: VaultContents,
  name: string,
  versionId: string | undefined,
  kind: 'Certificate' | 'Secret' | 'Key',
): CertificateVersion | undefined {
  const versions = versionsOf(contents, name);
  const version = versionId ? versions.find((v) => v.version === versionId) : versions.at(-1);
  if (!version) sendNotFound(call, kind);
  return version;
}

/** The service's 404 for a missing certificate, secret or key (version), naming what was asked for. */
export function sendNotFound(call: VaultCall, kind: 'Certificate' | 'Secret' | 'Key'): void {
  const [, name, third] = call.segments;
  sendError(
    call.response,
    404,
    `${kind}NotFound`,
    `A ${kind.toLowerCase()} with (name/id) ${name}${third ? `/${third}` : ''} was not found in this key vault.`,
  );
}
