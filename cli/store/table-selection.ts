import { TableClient } from '@azure/data-tables';
import { createSettingsTableClient } from '../../shared/settings/table-client.js';
import type { CommandContext } from '../command.js';
import { adminCredential } from '../credential.js';
import { usageError } from '../errors.js';
import { optionalString } from '../options.js';

const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;

/** Flags first, then the same env variables the service reads, so an admin shell can reuse them. */
export async function openSettingsTableClient({
  values,
  io,
  addSecret,
}: CommandContext): Promise<TableClient> {
  const env = (name: string) => io.env[name]?.trim() || undefined;
  const flagConnection = optionalString(values, 'connection-string');
  const flagUrl = optionalString(values, 'table-url');
  if (flagConnection && flagUrl) throw usageError('give --connection-string or --table-url, not both');
  const connectionString = flagConnection ?? (flagUrl ? undefined : env('SITE_SETTINGS_CONNECTION_STRING'));
  const tableUrl = flagUrl ?? (connectionString ? undefined : env('SITE_SETTINGS_TABLE_URL'));
  const tableName = optionalString(values, 'table') ?? env('SITE_SETTINGS_TABLE_NAME') ?? 'SiteSettings';
  if (!TABLE_NAME.test(tableName))
    throw usageError(`'${tableName}' is not a table name (letters and digits, 3-63)`);

  if (connectionString) {
    addSecret(connectionString);
    for (const part of connectionString.split(';')) {
      const [key, ...rest] = part.split('=');
      if (/^(AccountKey|SharedAccessSignature)$/i.test(key?.trim() ?? '')) addSecret(rest.join('='));
    }
    try {
      // Parsing happens here, so a malformed string is bad input (2), not a failed operation.
      TableClient.fromConnectionString(connectionString, tableName);
    } catch {
      throw usageError('the connection string is not a Table storage connection string');
    }
  } else if (tableUrl) {
    let url: URL;
    try {
      url = new URL(tableUrl);
    } catch {
      throw usageError(`--table-url '${tableUrl}' is not a URL`);
    }
    if (url.protocol !== 'https:')
      throw usageError('--table-url must be https (Entra ID tokens are never sent in clear)');
  } else {
    throw usageError(
      'no settings store: pass --connection-string or --table-url, or set SITE_SETTINGS_CONNECTION_STRING or SITE_SETTINGS_TABLE_URL',
    );
  }
  if (connectionString)
    return createSettingsTableClient({ connectionString, tableUrl, tableName, ttlSeconds: 0 });
  // The service's own client (table-client.ts) with the CLI's quicker-failing credential.
  return new TableClient(tableUrl ?? '', tableName, await adminCredential(), {
    retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
  });
}
