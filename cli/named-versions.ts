import { versionInfo } from '../shared/certs/keyvault-properties.js';
import type { CertificateVersionInfo } from '../shared/certs/signing-key.js';
import { type VersionPlan, versionStates } from '../shared/keys/version-states.js';
import { notFound } from './errors.js';
import { openCertificateClient } from './vault.js';

/** A named certificate's versions as the service lists them (shared/certs/keyvault-certificate-store.ts). */
export async function listVersions(vault: string, name: string): Promise<CertificateVersionInfo[]> {
  const client = await openCertificateClient(vault);
  const versions: CertificateVersionInfo[] = [];
  try {
    for await (const properties of client.listPropertiesOfCertificateVersions(name)) {
      const info = versionInfo(properties);
      if (info) versions.push(info);
    }
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404)
      throw notFound(`certificate ${name} is not in the vault`);
    throw error;
  }
  if (versions.length === 0) throw notFound(`certificate ${name} is not in the vault`);
  return versions;
}

/** The states the service computes from the same list, lead time and clock. */
export async function namedPlan(
  vault: string,
  name: string,
  leadSeconds: number,
  now: Date,
): Promise<VersionPlan> {
  return versionStates(await listVersions(vault, name), leadSeconds, now);
}

const iso = (date: Date | undefined) => date?.toISOString() ?? null;

export function planJson(plan: VersionPlan) {
  return {
    signing: plan.signing?.version ?? null,
    versions: plan.versions.map((v) => ({
      version: v.version,
      thumbprint: v.thumbprint,
      state: v.state,
      changesAt: iso(v.changesAt),
      ...(v.note ? { note: v.note } : {}),
      createdOn: iso(v.createdOn),
      expiresOn: iso(v.expiresOn),
    })),
  };
}

const NEXT_STATE = { upcoming: 'signs', signing: 'stops signing', previous: 'retired', retired: '' } as const;

export function planText(name: string, leadSeconds: number, plan: VersionPlan): string[] {
  return [
    `named:    ${name} (lead time ${leadSeconds} s)`,
    ...plan.versions.map((v) => {
      const change = v.changesAt ? `, ${NEXT_STATE[v.state]} at ${v.changesAt.toISOString()}` : '';
      return `  ${v.state.padEnd(8)} ${v.version} ${v.thumbprint}${v.note ? ` (${v.note})` : ''}${change}`;
    }),
    ...(plan.signing
      ? []
      : [
          '  no version can sign: each instance keeps signing with the last key it used until that certificate expires, and logs an error',
        ]),
  ];
}
