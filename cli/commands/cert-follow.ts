import { KEY_VAULT_NAME, namedCertificateOf } from '../../shared/keys/named-keys.js';
import { parseRotationLeadTime } from '../../shared/keys/version-states.js';
import { activate } from '../../shared/settings/rotation.js';
import { SETTING } from '../../shared/settings/setting-names.js';
import { parseSiteSettings } from '../../shared/settings/site-settings.js';
import type { Command } from '../command.js';
import { defaultCertificateThumbprint } from '../default-certificate.js';
import { CliError, EXIT, usageError } from '../errors.js';
import { namedPlan, planJson, planText } from '../named-versions.js';
import { requiredSite, requiredString, SITE_OPTION, TABLE_HELP, TABLE_OPTIONS } from '../options.js';
import { readRotationState, rotationChanges } from '../site-rotation.js';
import { openStore } from '../store/open-store.js';
import { VAULT_OPTION, vaultUrl } from '../vault.js';
import { stateText } from './cert-rotation.js';

export const certFollow: Command = {
  path: 'cert follow',
  summary: 'make a site follow a Key Vault certificate by name (rotation without a person)',
  usage: 'cert follow --site S --name N [--vault URL]',
  help: `Sets CustomCertificates/ImplicitGrantflow/Name to N and removes the thumbprint setting (which would
win). The version of N that signs now is computed as the service does; the key the site signed with
until now moves to Previous (retired now) and stays published and accepted for 3600 s. From then on
new versions of N are published at once and sign after ImplicitGrantFlow/RotationLeadTime.
Exit 3 when N is not in the vault or no version of it can sign. Publish N's current version first
(cert publish) and wait for validators' caches, or they reject its tokens until they refetch.

  --vault URL   the vault holding N (default env KEY_VAULT_URL; required)

${TABLE_HELP}`,
  options: { ...SITE_OPTION, ...TABLE_OPTIONS, ...VAULT_OPTION, name: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(context) {
    const site = requiredSite(context.values);
    const name = requiredString(context.values, 'name').trim();
    if (!KEY_VAULT_NAME.test(name)) throw usageError(`'${name}' is not a Key Vault certificate name`);
    const vault = vaultUrl(context.values, context.io.env);
    if (!vault) throw usageError('--vault (or env KEY_VAULT_URL) is required to find the certificate');
    const now = context.io.now();
    const store = await openStore(context);
    const rows = await store.readExisting(site);
    const settings = parseSiteSettings(site, rows);
    const lead = parseRotationLeadTime(settings.get(SETTING.rotationLeadTime));
    const plan = await namedPlan(vault, name, lead, now);
    if (!plan.signing)
      throw new CliError(EXIT.notFound, `no version of ${name} can sign (all disabled or expired)`);

    // What signed until now: the thumbprint, the version of the name followed so far, or the default.
    const state = readRotationState(site, rows);
    const followed = namedCertificateOf(settings);
    const replaced =
      state.active ??
      (followed
        ? (await namedPlan(vault, followed.name, followed.leadSeconds, now)).signing?.thumbprint
        : undefined) ??
      (await defaultCertificateThumbprint(vault, context.io.env));
    const result = activate(state, plan.signing.thumbprint, now, replaced);
    const next = { ...result.state, active: undefined };
    await store.commit(site, rows, { ...rotationChanges(next), [SETTING.certificateName]: name });
    return {
      text: [`${site} follows ${name}`, ...stateText(next, now), ...planText(name, lead, plan)],
      json: {
        site,
        name,
        leadTimeSeconds: lead,
        ...planJson(plan),
        previous: next.previous.map((k) => k.thumbprint),
      },
      warnings: result.warnings,
    };
  },
};
