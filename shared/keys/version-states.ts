import type { CertificateVersionInfo } from '../certs/signing-key.js';
import { MAX_TOKEN_LIFETIME } from '../settings/site-settings.js';

/**
 * Rotation by certificate name: which version of a Key Vault certificate signs, which are only
 * published, and for how long. Pure, with an explicit clock: the service, the timer and the CLI's
 * `cert status` compute the same answer from the same version list.
 *
 * - A version becomes eligible to sign `leadSeconds` after Key Vault created it (and not before
 *   its notBefore). Until then it is `upcoming`: published, so validators caching the key set
 *   learn it before any token carries its kid. Every instance reads the same `created`, so they
 *   all switch at the same moment.
 * - The newest eligible, enabled, unexpired version is `signing`. When none is eligible (a first
 *   certificate, or the old one expired), the oldest usable version signs at once: nothing else can.
 * - An older version stops signing when a newer one becomes eligible, or when it expires; it stays
 *   `previous` (published, accepted at verify) for the longest token lifetime plus 300 s of clock
 *   skew and caches after that, then it is `retired`.
 * - A disabled version is `retired` at once: it never signs and is not published.
 */
export type VersionState = 'upcoming' | 'signing' | 'previous' | 'retired';

export interface VersionStatus extends CertificateVersionInfo {
  state: VersionState;
  /** When this version's state changes next; undefined when it will not (retired, no expiry). */
  changesAt: Date | undefined;
  /** Why, where the state alone does not say: disabled, expired, not yet valid. */
  note: string | undefined;
}

export interface VersionPlan {
  /** Oldest first, as listed. */
  versions: VersionStatus[];
  signing: VersionStatus | undefined;
}

const DEFAULT_ROTATION_LEAD_SECONDS = 86_400;
/** A version stays accepted this long after it stopped signing. */
const PREVIOUS_VERSION_GRACE_SECONDS = MAX_TOKEN_LIFETIME + 300;
const MAX_LEAD_SECONDS = 90 * 86_400;

/** ImplicitGrantFlow/RotationLeadTime: whole seconds, 0 allowed, at most 90 days; else the default. */
export function parseRotationLeadTime(value: string | undefined): number {
  const text = value?.trim() ?? '';
  if (!/^\d{1,8}$/.test(text)) return DEFAULT_ROTATION_LEAD_SECONDS;
  return Math.min(Number(text), MAX_LEAD_SECONDS);
}

const ms = (date: Date | undefined, fallback: number) => date?.getTime() ?? fallback;

export function versionStates(
  listed: readonly CertificateVersionInfo[],
  leadSeconds: number,
  now: Date,
): VersionPlan {
  const t = now.getTime();
  const byAge = [...listed].sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime());
  const eligibleAt = (v: CertificateVersionInfo) =>
    Math.max(v.createdOn.getTime() + leadSeconds * 1000, ms(v.notBefore, 0));
  const expiresAt = (v: CertificateVersionInfo) => ms(v.expiresOn, Number.POSITIVE_INFINITY);
  const usable = (v: CertificateVersionInfo) => v.enabled && ms(v.notBefore, 0) <= t && expiresAt(v) > t;

  const candidates = byAge.filter(usable);
  const signing = candidates.filter((v) => eligibleAt(v) <= t).at(-1) ?? candidates[0];
  const enabled = byAge.filter((v) => v.enabled);
  const newer = (v: CertificateVersionInfo) => enabled.filter((w) => w.createdOn > v.createdOn);

  const status = (v: CertificateVersionInfo): Omit<VersionStatus, keyof CertificateVersionInfo> => {
    if (!v.enabled) return { state: 'retired', changesAt: undefined, note: 'disabled' };
    if (v === signing) {
      const next = newer(v).find((w) => eligibleAt(w) > t && expiresAt(w) > eligibleAt(w));
      const until = Math.min(next ? eligibleAt(next) : Number.POSITIVE_INFINITY, expiresAt(v));
      return {
        state: 'signing',
        changesAt: Number.isFinite(until) ? new Date(until) : undefined,
        note: undefined,
      };
    }
    const isNewer = signing === undefined ? expiresAt(v) > t : v.createdOn > signing.createdOn;
    if (isNewer && expiresAt(v) > t) {
      const note = ms(v.notBefore, 0) > t ? 'not yet valid' : undefined;
      return { state: 'upcoming', changesAt: new Date(eligibleAt(v)), note };
    }
    // It signed until a newer version became eligible, or until it expired.
    const successors = newer(v)
      .map(eligibleAt)
      .filter((at) => at <= t);
    const stoppedAt = Math.min(expiresAt(v), ...successors, t);
    const acceptedUntil = stoppedAt + PREVIOUS_VERSION_GRACE_SECONDS * 1000;
    const note = expiresAt(v) <= t ? 'expired' : undefined;
    return acceptedUntil > t
      ? { state: 'previous', changesAt: new Date(acceptedUntil), note }
      : { state: 'retired', changesAt: undefined, note };
  };

  const versions = listed.map((v) => ({ ...v, ...status(v) }));
  return { versions, signing: versions.find((v) => v.state === 'signing') };
}
