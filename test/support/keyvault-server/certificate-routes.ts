import { type Json, sendError, sendJson } from './http-json.js';
import { findVersion, sendNotFound, type VaultCall, type VaultContents, versionsOf } from './vault-call.js';
import {
  BadRequest,
  certificateBundle,
  certificateItem,
  certificatePolicy,
  type ImportRequest,
  importVersion,
} from './vault-data.js';

/** The service's largest page: `maxresults` can ask for fewer, never more. */
const PAGE_SIZE = 25;

/** GET certificates: the latest version of each certificate, paged. */
export function listCertificates(call: VaultCall, contents: VaultContents): void {
  const current = [...contents.values()].flatMap((list) => list.slice(-1));
  sendPage(
    call,
    current.map((v) => certificateItem(call.vault, v, false)),
  );
}

/** GET certificates/{name}/versions: every version, oldest first, paged. */
export function listCertificateVersions(call: VaultCall, contents: VaultContents, name: string): void {
  const versions = versionsOf(contents, name);
  if (versions.length === 0) {
    sendNotFound(call, 'Certificate');
    return;
  }
  sendPage(
    call,
    versions.map((v) => certificateItem(call.vault, v, true)),
  );
}

/** POST certificates/{name}/import: adds a version; a body the service would refuse gets its 400. */
export async function importCertificate(
  call: VaultCall,
  contents: VaultContents,
  name: string,
): Promise<void> {
  const versions = versionsOf(contents, name);
  try {
    const version = await importVersion(name, JSON.parse(call.body || '{}') as ImportRequest);
    contents.set(name.toLowerCase(), [...versions, version]);
    return sendJson(call.response, 200, certificateBundle(call.vault, version));
  } catch (error) {
    if (error instanceof BadRequest || error instanceof SyntaxError) {
      return sendError(call.response, 400, 'BadParameter', error.message);
    }
    throw error;
  }
}

/** GET certificates/{name}/policy: the latest version's policy. */
export function getCertificatePolicy(call: VaultCall, contents: VaultContents, name: string): void {
  const latest = findVersion(call, contents, name, undefined, 'Certificate');
  if (!latest) return;
  sendJson(call.response, 200, certificatePolicy(call.vault, latest));
}

/**
 * GET certificates/{name}[/{version}] answers the version (the latest if none is named); PATCH
 * also updates its enabled flag and tags, as a rotation or a disable does.
 */
export function getOrUpdateCertificate(
  call: VaultCall,
  contents: VaultContents,
  name: string,
  versionId: string | undefined,
): void {
  const version = findVersion(call, contents, name, versionId, 'Certificate');
  if (!version) return;
  if (call.method === 'PATCH') {
    const update = JSON.parse(call.body || '{}') as {
      attributes?: { enabled?: boolean };
      tags?: Record<string, string>;
    };
    if (update.attributes?.enabled !== undefined) version.enabled = update.attributes.enabled;
    if (update.tags) version.tags = update.tags;
    version.updated = Math.floor(Date.now() / 1000);
  }
  sendJson(call.response, 200, certificateBundle(call.vault, version));
}

/** Real paging: `maxresults` per page and a nextLink carrying a skip token, as the service does. */
function sendPage(call: VaultCall, items: Json[]): void {
  const { url } = call;
  const size = Math.min(Number(url.searchParams.get('maxresults')) || PAGE_SIZE, PAGE_SIZE);
  const skip = Number(url.searchParams.get('$skiptoken')) || 0;
  const next = new URL(url);
  next.searchParams.set('$skiptoken', String(skip + size));
  const nextLink = skip + size < items.length ? next.toString() : null;
  sendJson(call.response, 200, { value: items.slice(skip, skip + size), nextLink });
}
