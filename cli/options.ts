import { SITE_ID_PATTERN } from '../shared/config.js';
import type { OptionSpecs, OptionValues } from './command.js';
import { usageError } from './errors.js';

/** Options every command takes. */
export const COMMON_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
};

/** Where the SiteSettings table is: a connection string, or a Table service URL with Entra ID. */
export const TABLE_OPTIONS: OptionSpecs = {
  'connection-string': { type: 'string' },
  'table-url': { type: 'string' },
  table: { type: 'string' },
};

export const TABLE_HELP = `Settings store (the first that is set):
  --connection-string CS   a Table storage connection string (prefer the env variable: a flag is visible in ps and history)
  --table-url URL          the Table service URL, signed in with DefaultAzureCredential (az login)
  env SITE_SETTINGS_CONNECTION_STRING, then env SITE_SETTINGS_TABLE_URL
  --table NAME             the table (default: env SITE_SETTINGS_TABLE_NAME, else SiteSettings)`;

export const SITE_OPTION: OptionSpecs = { site: { type: 'string' } };

export function optionalString(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredString(values: OptionValues, name: string): string {
  const value = optionalString(values, name);
  if (value === undefined || value.trim() === '') throw usageError(`--${name} is required`);
  return value;
}

export function stringList(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

/** The --site value, checked against the service's site id rule. */
export function requiredSite(values: OptionValues): string {
  const site = requiredString(values, 'site');
  if (!SITE_ID_PATTERN.test(site)) {
    throw usageError(`'${site}' is not a site id: use lowercase letters, digits and hyphen (at most 63)`);
  }
  return site;
}
