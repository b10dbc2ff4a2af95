import type { CertificateStore, SigningKey } from '../certs/signing-key.js';
import { StsError } from '../errors/sts-error.js';
import { SETTING } from '../settings/setting-names.js';
import type { SiteSettings } from '../settings/site-settings.js';
import { parseRotationLeadTime, versionStates } from './version-states.js';

/** A site that follows a Key Vault certificate by name, and its lead time in seconds. */
export interface NamedCertificate {
  name: string;
  leadSeconds: number;
}

/** The thumbprints a named certificate gives a site now: the signing one, and the others to publish. */
export interface NamedKeys {
  active: SigningKey;
  upcoming: string[];
  previous: string[];
}

/** What Key Vault allows as a certificate name. */
export const KEY_VAULT_NAME = /^[A-Za-z0-9-]{1,127}$/;

/**
 * The site's CustomCertificates/ImplicitGrantflow/Name, when it has no thumbprint setting (a
 * thumbprint wins, so Power Pages' pinned model is unchanged). PortalSTS0018 when the name cannot
 * be a Key Vault certificate name.
 */
export function namedCertificateOf(site: SiteSettings): NamedCertificate | undefined {
  if (site.certificateThumbprint !== undefined) return undefined;
  const name = site.get(SETTING.certificateName)?.trim();
  if (!name) return undefined;
  if (!KEY_VAULT_NAME.test(name)) {
    throw new StsError('PortalSTS0018', {
      detail: `site '${site.siteId}' ${SETTING.certificateName} is not a Key Vault certificate name`,
    });
  }
  return { name, leadSeconds: parseRotationLeadTime(site.get(SETTING.rotationLeadTime)) };
}

/** Per certificate name, the key this instance last signed with: the fallback when no version can. */
const lastGood = new Map<string, SigningKey>();
/** Version lists already reported as unable to sign: one error per refresh, not per request. */
const reported = new WeakSet<object>();

/**
 * Resolves a named certificate's versions (listed at most once per CERTIFICATE_VERSIONS_TTL_SECONDS
 * by the caching store) to the key that signs now and the thumbprints to publish. When no version
 * can sign (all disabled or expired, or the signing one cannot be loaded), the last key that signed
 * on this instance keeps signing until its certificate expires, with an error logged per refresh.
 */
export async function namedKeys(
  store: CertificateStore,
  { name, leadSeconds }: NamedCertificate,
  now: Date,
): Promise<NamedKeys> {
  const listed = await store.versions(name);
  const plan = versionStates(listed, leadSeconds, now);
  let active: SigningKey | undefined;
  let failure: unknown;
  if (plan.signing) {
    try {
      active = await store.get(plan.signing.thumbprint);
    } catch (error) {
      if (!(error instanceof StsError)) throw error;
      failure = error;
    }
  }
  if (active) lastGood.set(name, active);
  else active = keepLastGood(name, listed, now, failure, plan.signing?.version);

  const others = (state: string) =>
    plan.versions
      .filter((v) => v.state === state && v.thumbprint !== active.thumbprint)
      .map((v) => v.thumbprint);
  return { active, upcoming: others('upcoming'), previous: others('previous') };
}

function keepLastGood(
  name: string,
  listed: object,
  now: Date,
  failure: unknown,
  version: string | undefined,
): SigningKey {
  const why = version
    ? `version ${version} cannot be loaded (${failure instanceof StsError ? failure.id : 'error'})`
    : 'no version is enabled, valid and unexpired';
  const kept = lastGood.get(name);
  if (!kept || new Date(kept.certificate.validTo).getTime() <= now.getTime()) {
    throw failure ?? new StsError('PortalSTS0018', { detail: `certificate ${name}: ${why}` });
  }
  if (!reported.has(listed)) {
    reported.add(listed);
    console.error(
      `[certificates] certificate ${name}: no version can sign (${why}); signing with the last good one, ${kept.thumbprint}, until it expires at ${new Date(kept.certificate.validTo).toISOString()}`,
    );
  }
  return kept;
}
