import type { Command } from '../command.js';
import { certCreateDev } from './cert-create-dev.js';
import { certFollow } from './cert-follow.js';
import { certImport } from './cert-import.js';
import { certActivate, certPublish, certRetire } from './cert-rotation.js';
import { certStatus } from './cert-status.js';
import { clientsAdd, clientsList, clientsRemove } from './clients.js';
import { settingsDelete, settingsGet, settingsList, settingsSet, sitesList } from './settings.js';

/** Every command, in the order --help lists them. */
export const COMMANDS: readonly Command[] = [
  sitesList,
  settingsList,
  settingsGet,
  settingsSet,
  settingsDelete,
  clientsList,
  clientsAdd,
  clientsRemove,
  certStatus,
  certImport,
  certPublish,
  certActivate,
  certRetire,
  certFollow,
  certCreateDev,
];
