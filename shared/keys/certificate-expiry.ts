import type { CertificateStore, CertificateVersionInfo } from '../certs/signing-key.js';
import { StsError } from '../errors/sts-error.js';
import type { BackendLog } from '../resilience/resilient-cache.js';

const DAY_MS = 86_400_000;
const EXPIRY_WARNING_DAYS = 30;
const EXPIRY_ERROR_DAYS = 7;
/** Every line starts with this, so an alert rule can match them (and nothing else does). */
const EXPIRY_LOG_PREFIX = 'certificate-expiry:';

/** The version that would sign last: the newest enabled one. Older versions are replaced by it. */
function newestEnabled(versions: readonly CertificateVersionInfo[]): CertificateVersionInfo | undefined {
  return versions
    .filter((v) => v.enabled)
    .sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime())
    .at(-1);
}

/**
 * Checks each named certificate: when its newest enabled version expires within 30 days a
 * warning, within 7 days (or already expired) an error. A newer version (AutoRenew, or an admin's
 * import) makes the older one's expiry harmless, so only the newest is checked. Lines name
 * certificates, versions, thumbprints and dates: nothing secret.
 */
export async function checkCertificateExpiry(
  store: CertificateStore,
  certificates: ReadonlyMap<string, readonly string[]>,
  now: Date,
  log: BackendLog,
): Promise<void> {
  for (const [name, sites] of certificates) {
    let versions: CertificateVersionInfo[];
    try {
      versions = await store.versions(name);
    } catch (error) {
      const why = error instanceof StsError ? error.id : (error as Error).message;
      log(
        'error',
        `${EXPIRY_LOG_PREFIX} certificate ${name} could not be checked (${why}); sites: ${sites.join(', ')}`,
      );
      continue;
    }
    const newest = newestEnabled(versions);
    if (!newest) {
      log(
        'error',
        `${EXPIRY_LOG_PREFIX} certificate ${name} has no enabled version; sites: ${sites.join(', ')}`,
      );
      continue;
    }
    if (!newest.expiresOn) continue;
    const left = newest.expiresOn.getTime() - now.getTime();
    if (left > EXPIRY_WARNING_DAYS * DAY_MS) continue;
    const when =
      left <= 0
        ? `expired ${newest.expiresOn.toISOString()}`
        : `expires ${newest.expiresOn.toISOString()} (in ${Math.floor(left / DAY_MS)} days)`;
    log(
      left <= EXPIRY_ERROR_DAYS * DAY_MS ? 'error' : 'warn',
      `${EXPIRY_LOG_PREFIX} certificate ${name} version ${newest.version} (${newest.thumbprint}) ${when} and has no newer version; sites: ${sites.join(', ')}`,
    );
  }
  log('info', `${EXPIRY_LOG_PREFIX} checked ${certificates.size} certificate(s)`);
}
