import {
  acceptedUntil,
  activate,
  publish,
  publishedThumbprints,
  type RotationState,
  retire,
  type Transition,
} from '../../shared/settings/rotation.js';
import type { Command, CommandContext, CommandResult } from '../command.js';
import { defaultCertificateThumbprint } from '../default-certificate.js';
import { requiredSite, requiredString, SITE_OPTION, TABLE_HELP, TABLE_OPTIONS } from '../options.js';
import { changeRotation, readRotationState } from '../site-rotation.js';
import { openStore } from '../store/open-store.js';
import { validThumbprint } from '../validation.js';
import { findInVault, openCertificateClient, VAULT_OPTION, vaultUrl } from '../vault.js';

const OPTIONS = {
  ...SITE_OPTION,
  ...TABLE_OPTIONS,
  ...VAULT_OPTION,
  thumbprint: { type: 'string' },
} as const;

const VAULT_HELP = `  --vault URL   check first that the vault has an enabled, unexpired certificate with this
                thumbprint (exit 3 when not); default env KEY_VAULT_URL, else no check`;

/** The vault check of publish and activate: the service must be able to find the key it is told to use. */
async function checkVault(context: CommandContext, thumbprint: string): Promise<string | undefined> {
  const url = vaultUrl(context.values, context.io.env);
  if (!url) return undefined;
  const match = await findInVault(await openCertificateClient(url), thumbprint, context.io.now());
  return `${match.name}/${match.version}`;
}

/** What publish and activate start from: the site, the thumbprint, the store, and the vault check. */
async function keyStepArguments(context: CommandContext) {
  const site = requiredSite(context.values);
  const thumbprint = validThumbprint(requiredString(context.values, 'thumbprint'));
  const store = await openStore(context);
  const vaultVersion = await checkVault(context, thumbprint);
  return { site, thumbprint, store, vaultVersion };
}

export function stateJson(state: RotationState, now: Date) {
  return {
    active: state.active ?? null,
    upcoming: state.upcoming,
    previous: state.previous.map((key) => ({
      thumbprint: key.thumbprint,
      retiredAt: key.retiredAt.toISOString(),
      acceptedUntil: acceptedUntil(key).toISOString(),
      retirable: acceptedUntil(key) <= now,
    })),
    published: publishedThumbprints(state, now),
  };
}

export function stateText(state: RotationState, now: Date): string[] {
  return [
    `active:   ${state.active ?? "none (the deployment's default certificate signs)"}`,
    ...state.upcoming.map((thumbprint) => `upcoming: ${thumbprint} (published, not signing yet)`),
    ...state.previous.map((key) => {
      const until = acceptedUntil(key);
      const when = until <= now ? 'can be retired now' : `accepted until ${until.toISOString()}`;
      return `previous: ${key.thumbprint} retired ${key.retiredAt.toISOString()}, ${when}`;
    }),
  ];
}

function transitionResult(
  site: string,
  thumbprint: string,
  verb: string,
  result: Transition,
  now: Date,
  vaultVersion?: string,
): CommandResult {
  const summary = result.changed
    ? `${thumbprint} ${verb} for ${site}`
    : `${thumbprint} was already ${verb} for ${site}`;
  return {
    text: [summary, ...stateText(result.state, now)],
    json: {
      site,
      thumbprint,
      changed: result.changed,
      ...(vaultVersion ? { vaultVersion } : {}),
      ...stateJson(result.state, now),
    },
    warnings: result.warnings,
  };
}

type KeyStepArguments = Awaited<ReturnType<typeof keyStepArguments>>;

/** publish and activate: the same options and checks, then one change of the rotation state. */
function keyStepCommand(step: {
  path: string;
  summary: string;
  usage: string;
  /** The command's own help, before the options'. */
  about: string;
  /** The result's verb: `T published for S`. */
  verb: string;
  /** The change, once the arguments are checked (it may look things up first). */
  transition(
    args: KeyStepArguments,
    context: CommandContext,
    now: Date,
  ): Promise<(state: RotationState) => Transition>;
}): Command {
  return {
    path: step.path,
    summary: step.summary,
    usage: step.usage,
    help: `${step.about}\n\n${VAULT_HELP}\n\n${TABLE_HELP}`,
    options: OPTIONS,
    positionals: { min: 0, max: 0 },
    async run(context) {
      const args = await keyStepArguments(context);
      const now = context.io.now();
      const change = await step.transition(args, context, now);
      const result = await changeRotation(args.store, args.site, change, { siteMustExist: true });
      return transitionResult(args.site, args.thumbprint, step.verb, result, now, args.vaultVersion);
    },
  };
}

export const certPublish = keyStepCommand({
  path: 'cert publish',
  summary: 'publish a key before it signs (adds it to Upcoming)',
  usage: 'cert publish --site S --thumbprint T [--vault URL]',
  about: `Validators that cache the site's keys learn T before it signs; activate it once their cache has expired.`,
  verb: 'published',
  transition:
    async ({ thumbprint }) =>
    (state) =>
      publish(state, thumbprint),
});

export const certActivate = keyStepCommand({
  path: 'cert activate',
  summary: 'make a key the signing key (the current one moves to Previous)',
  usage: 'cert activate --site S --thumbprint T [--vault URL]',
  about: `T becomes CustomCertificates/ImplicitGrantflow and leaves Upcoming; the key it replaces is kept in
Previous, retired now, and stays published and accepted for 3600 s (the longest token lifetime).
With no key active yet, the default certificate (DEFAULT_CERTIFICATE_NAME, looked up in --vault or
env LOCAL_CERTIFICATES_DIR) is the one replaced and kept.
Activating a key that was not published first works, with a warning.`,
  verb: 'activated',
  async transition({ site, thumbprint, store }, context, now) {
    // With no thumbprint active, the default certificate signs: keep it as Previous too.
    const before = readRotationState(site, await store.readExisting(site));
    const defaultThumbprint = before.active
      ? undefined
      : await defaultCertificateThumbprint(vaultUrl(context.values, context.io.env), context.io.env);
    return (state) => activate(state, thumbprint, now, defaultThumbprint);
  },
});

export const certRetire: Command = {
  path: 'cert retire',
  summary: 'stop publishing a previous (or abandoned upcoming) key',
  usage: 'cert retire --site S --thumbprint T [--force]',
  help: `Refused (exit 2) while tokens the key signed may still be valid (retired-at + 3600 s), unless
--force; the active key is never retired (activate another one first). Exit 3 when T is neither
previous nor upcoming.

${TABLE_HELP}`,
  options: { ...SITE_OPTION, ...TABLE_OPTIONS, thumbprint: { type: 'string' }, force: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run(context) {
    const site = requiredSite(context.values);
    const thumbprint = validThumbprint(requiredString(context.values, 'thumbprint'));
    const force = context.values.force === true;
    const now = context.io.now();
    const store = await openStore(context);
    const result = await changeRotation(store, site, (state) => retire(state, thumbprint, now, { force }), {
      siteMustExist: true,
    });
    return transitionResult(site, thumbprint, 'retired', result, now);
  },
};
