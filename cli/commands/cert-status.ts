import { namedCertificateOf } from '../../shared/keys/named-keys.js';
import { parseSiteSettings } from '../../shared/settings/site-settings.js';
import type { Command } from '../command.js';
import { namedPlan, planJson, planText } from '../named-versions.js';
import { requiredSite, SITE_OPTION, TABLE_HELP, TABLE_OPTIONS } from '../options.js';
import { readRotationState } from '../site-rotation.js';
import { openStore } from '../store/open-store.js';
import { VAULT_OPTION, vaultUrl } from '../vault.js';
import { stateJson, stateText } from './cert-rotation.js';

export const certStatus: Command = {
  path: 'cert status',
  summary: "show a site's active, upcoming and previous keys, and a named certificate's versions",
  usage: 'cert status --site S [--vault URL]',
  help: `For a site that follows a certificate by name (CustomCertificates/ImplicitGrantflow/Name), every
version with its state (upcoming, signing, previous, retired) and when it changes, as the service
computes it; this needs the vault: --vault URL, or env KEY_VAULT_URL.

${TABLE_HELP}`,
  options: { ...SITE_OPTION, ...TABLE_OPTIONS, ...VAULT_OPTION },
  positionals: { min: 0, max: 0 },
  async run(context) {
    const site = requiredSite(context.values);
    const rows = await (await openStore(context)).readExisting(site);
    const state = readRotationState(site, rows);
    const now = context.io.now();
    const named = namedCertificateOf(parseSiteSettings(site, rows));
    const text = stateText(state, now);
    const json: Record<string, unknown> = { site, ...stateJson(state, now) };
    const warnings: string[] = [];
    if (named) {
      const vault = vaultUrl(context.values, context.io.env);
      if (!vault) {
        text.push(`named:    ${named.name} (give --vault or KEY_VAULT_URL to see its versions)`);
        json.named = { name: named.name, leadTimeSeconds: named.leadSeconds };
      } else {
        const plan = await namedPlan(vault, named.name, named.leadSeconds, now);
        text.push(...planText(named.name, named.leadSeconds, plan));
        json.named = { name: named.name, leadTimeSeconds: named.leadSeconds, ...planJson(plan) };
        if (!plan.signing) warnings.push(`no version of ${named.name} can sign`);
      }
    }
    return { text, json, warnings };
  },
};
