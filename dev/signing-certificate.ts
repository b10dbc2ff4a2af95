import { readdir } from 'node:fs/promises';
import { createDevCertificate } from './dev-certificate.js';

/**
 * Makes sure the local certificate store has the default signing certificate: on the first run
 * it creates `<dir>/<name>.pem`; later runs keep using it, so tokens and the public key are stable.
 */
export async function ensureDevSigningCertificate(
  dir: string,
  name: string,
): Promise<'created' | 'existing'> {
  const names = await readdir(dir).catch(() => [] as string[]);
  // The local store's default certificate is exactly `<name>.pfx` or `<name>.pem`.
  if (names.includes(`${name}.pfx`) || names.includes(`${name}.pem`)) return 'existing';
  await createDevCertificate({ dir, name });
  return 'created';
}
