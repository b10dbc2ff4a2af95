import {
  formatPrevious,
  formatUpcoming,
  parsePrevious,
  parseUpcoming,
  RotationError,
  type RotationState,
  type Transition,
} from '../shared/settings/rotation.js';
import { SETTING } from '../shared/settings/setting-names.js';
import { parseThumbprintSetting } from '../shared/settings/site-settings.js';
import { CliError, EXIT, usageError } from './errors.js';
import {
  type SettingChanges,
  type SiteRows,
  type SiteSettingsStore,
  settingValue,
} from './store/site-settings-store.js';

/**
 * The site's rotation state. Stored values that do not parse stop the command: rewriting a list
 * would silently drop the entries it cannot read, and a fix by hand is safer.
 */
export function readRotationState(site: string, rows: SiteRows): RotationState {
  const active = parseThumbprintSetting(settingValue(rows, SETTING.certificateThumbprint));
  const upcoming = parseUpcoming(settingValue(rows, SETTING.upcomingThumbprints));
  const previous = parsePrevious(settingValue(rows, SETTING.previousThumbprints));
  const broken = [
    ...(typeof active === 'object' ? [`${SETTING.certificateThumbprint} is not a thumbprint`] : []),
    ...upcoming.invalid.map((entry) => `${SETTING.upcomingThumbprints} has '${entry}'`),
    ...previous.invalid.map((entry) => `${SETTING.previousThumbprints} has '${entry}'`),
  ];
  if (broken.length > 0) {
    throw new CliError(
      EXIT.failed,
      `site '${site}' has unreadable rotation settings (${broken.join('; ')}): fix them with \`settings set\``,
    );
  }
  return {
    active: typeof active === 'string' ? active : undefined,
    upcoming: upcoming.items,
    previous: previous.items,
  };
}

/** The three settings for a state; empty lists are deleted rather than stored as ''. */
export function rotationChanges(state: RotationState): SettingChanges {
  return {
    [SETTING.certificateThumbprint]: state.active,
    [SETTING.upcomingThumbprints]: state.upcoming.length > 0 ? formatUpcoming(state.upcoming) : undefined,
    [SETTING.previousThumbprints]: state.previous.length > 0 ? formatPrevious(state.previous) : undefined,
  };
}

/** Reads, transitions and writes a site's rotation state in one transaction. */
export async function changeRotation(
  store: SiteSettingsStore,
  site: string,
  transition: (state: RotationState) => Transition,
  options: { siteMustExist: boolean },
): Promise<Transition> {
  const rows = options.siteMustExist ? await store.readExisting(site) : await store.read(site);
  let result: Transition;
  try {
    result = transition(readRotationState(site, rows));
  } catch (error) {
    if (error instanceof RotationError) {
      throw error.reason === 'not-listed'
        ? new CliError(EXIT.notFound, error.message)
        : usageError(error.message);
    }
    throw error;
  }
  if (result.changed) await store.commit(site, rows, rotationChanges(result.state));
  return result;
}
