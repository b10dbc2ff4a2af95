import { thumbprintOf } from '../shared/certs/keyvault-properties.js';
import { LocalCertificateStore } from '../shared/certs/local-certificate-store.js';
import { openCertificateClient } from './vault.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The thumbprint of the deployment's default certificate (DEFAULT_CERTIFICATE_NAME), which signs
 * while a site names no thumbprint: from the vault when one is given, else from the local store
 * (LOCAL_CERTIFICATES_DIR). Undefined when neither is reachable; the caller warns.
 */
export async function defaultCertificateThumbprint(
  vault: string | undefined,
  env: Env,
): Promise<string | undefined> {
  const name = env.DEFAULT_CERTIFICATE_NAME?.trim() || 'portal-sts-signing';
  try {
    if (vault) {
      const certificate = await (await openCertificateClient(vault)).getCertificate(name);
      return thumbprintOf(certificate.properties);
    }
    const dir = env.LOCAL_CERTIFICATES_DIR?.trim();
    if (!dir) return undefined;
    const store = new LocalCertificateStore({
      dir,
      defaultName: name,
      password: env.LOCAL_CERTIFICATES_PASSWORD,
    });
    return (await store.get(undefined)).thumbprint;
  } catch {
    return undefined;
  }
}
