import {
  getCertificatePolicy,
  getOrUpdateCertificate,
  importCertificate,
  listCertificates,
  listCertificateVersions,
} from './certificate-routes.js';
import { sendError } from './http-json.js';
import { getKey, signWithKey } from './key-routes.js';
import { getSecret } from './secret-routes.js';
import type { VaultCall, VaultContents } from './vault-call.js';

/**
 * The routing table of an authorized vault call: the first row that matches answers it (so
 * certificates/{name}/versions, /import and /policy are never read as a version); anything else
 * is a 405, so a call the SDK makes that this vault does not know shows up at once.
 */
export async function answerVaultCall(call: VaultCall, contents: VaultContents): Promise<void> {
  const { method, segments } = call;
  const [collection, name, third, fourth] = segments;
  if (collection === 'certificates' && !name && method === 'GET') return listCertificates(call, contents);
  if (collection === 'certificates' && name && third === 'versions' && method === 'GET')
    return listCertificateVersions(call, contents, name);
  if (collection === 'certificates' && name && third === 'import' && method === 'POST')
    return importCertificate(call, contents, name);
  if (collection === 'certificates' && name && third === 'policy' && method === 'GET')
    return getCertificatePolicy(call, contents, name);
  if (collection === 'keys' && name && third && !fourth && method === 'GET')
    return getKey(call, contents, name, third);
  if (collection === 'keys' && name && third && fourth === 'sign' && method === 'POST')
    return signWithKey(call, contents, name, third);
  if (
    collection === 'certificates' &&
    name &&
    segments.length <= 3 &&
    (method === 'GET' || method === 'PATCH')
  )
    return getOrUpdateCertificate(call, contents, name, third);
  if (collection === 'secrets' && name && segments.length <= 3 && method === 'GET')
    return getSecret(call, contents, name, third);
  sendError(
    call.response,
    405,
    'MethodNotAllowed',
    `${method} ${call.url.pathname} is not supported by the test vault`,
  );
}

/** 'GET /certificates/{name}/{version}' and the like: counts that say which SDK call was made. */
export function routeName(method: string, segments: string[]): string {
  const [collection = '', name, third, fourth] = segments;
  const parts = [`/${collection}`];
  if (name) parts.push('/{name}');
  if (third) parts.push(['versions', 'import', 'policy'].includes(third) ? `/${third}` : '/{version}');
  if (fourth) parts.push(`/${fourth}`);
  return `${method} ${parts.join('')}`;
}
