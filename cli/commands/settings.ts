import type { Command, CommandContext } from '../command.js';
import { notFound, usageError } from '../errors.js';
import { requiredSite, SITE_OPTION, TABLE_HELP, TABLE_OPTIONS } from '../options.js';
import { checkSetting } from '../setting-rules.js';
import { openStore } from '../store/open-store.js';
import type { SettingRow, SiteRows } from '../store/site-settings-store.js';

const STORE_OPTIONS = { ...SITE_OPTION, ...TABLE_OPTIONS };

/** The row of setting `name` (matched case-insensitively), or exit 3. */
function existingSetting(rows: SiteRows, site: string, name: string): SettingRow {
  const row = rows.get(name.trim().toLowerCase());
  if (!row) throw notFound(`setting '${name}' is not set for site '${site}'`);
  return row;
}

/**
 * What get and delete start from: the site and the row of the setting their one positional names
 * (exit 3 when it is not set). `checkName` runs before the table is opened.
 */
async function openNamedSetting(context: CommandContext, checkName: (name: string) => void = () => {}) {
  const site = requiredSite(context.values);
  const name = context.positionals[0] ?? '';
  checkName(name);
  const store = await openStore(context);
  const rows = await store.readExisting(site);
  return { site, store, rows, row: existingSetting(rows, site, name) };
}

function refuseEmptyName(name: string): void {
  if (name.trim() === '') throw usageError('the setting name is empty');
}

export const settingsList: Command = {
  path: 'settings list',
  summary: "list a site's settings",
  usage: 'settings list --site S',
  help: TABLE_HELP,
  options: STORE_OPTIONS,
  positionals: { min: 0, max: 0 },
  async run(context) {
    const site = requiredSite(context.values);
    const rows = await (await openStore(context)).readExisting(site);
    const settings = [...rows.values()]
      .map(({ name, value }) => ({ name, value }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      text: settings.map(({ name, value }) => `${name} = ${value}`),
      json: { site, settings },
    };
  },
};

export const settingsGet: Command = {
  path: 'settings get',
  summary: 'print one setting (names match case-insensitively)',
  usage: 'settings get --site S NAME',
  help: TABLE_HELP,
  options: STORE_OPTIONS,
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { site, row } = await openNamedSetting(context);
    return { text: [row.value], json: { site, name: row.name, value: row.value } };
  },
};

export const settingsSet: Command = {
  path: 'settings set',
  summary: 'create or replace a setting (a site without settings is created)',
  usage: 'settings set --site S NAME VALUE',
  help: `Known settings are checked as the service reads them: Connector/ImplicitGrantFlowEnabled is True
or False, a thumbprint must be 40 hex digits (spaces, colons and case are normalised), client ids and
redirect URIs follow the \`clients\` rules; a lifetime that is not a whole number is stored with a
warning that the service will use 900.

${TABLE_HELP}`,
  options: STORE_OPTIONS,
  positionals: { min: 2, max: 2 },
  async run(context) {
    const site = requiredSite(context.values);
    const [name = '', raw = ''] = context.positionals;
    const { value, warnings } = checkSetting(name, raw);
    const store = await openStore(context);
    const rows = await store.read(site);
    await store.commit(site, rows, { [name.trim()]: value });
    if (rows.size === 0) warnings.push(`site '${site}' had no settings: it now exists`);
    return { text: [`${name.trim()} = ${value}`], json: { site, name: name.trim(), value }, warnings };
  },
};

export const settingsDelete: Command = {
  path: 'settings delete',
  summary: 'delete a setting',
  usage: 'settings delete --site S NAME',
  help: TABLE_HELP,
  options: STORE_OPTIONS,
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { site, store, rows, row } = await openNamedSetting(context, refuseEmptyName);
    await store.commit(site, rows, { [row.name]: undefined });
    const warnings = rows.size === 1 ? [`that was the last setting: site '${site}' no longer exists`] : [];
    return { text: [`deleted ${row.name}`], json: { site, name: row.name, deleted: true }, warnings };
  },
};

export const sitesList: Command = {
  path: 'sites list',
  summary: 'list the site ids that have settings',
  usage: 'sites list',
  help: TABLE_HELP,
  options: TABLE_OPTIONS,
  positionals: { min: 0, max: 0 },
  async run(context) {
    const sites = await (await openStore(context)).listSites();
    return { text: sites, json: { sites } };
  },
};
