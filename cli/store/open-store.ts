import type { CommandContext } from '../command.js';
import { SiteSettingsStore } from './site-settings-store.js';
import { openSettingsTableClient } from './table-selection.js';

export async function openStore(context: CommandContext): Promise<SiteSettingsStore> {
  return new SiteSettingsStore(await openSettingsTableClient(context));
}
