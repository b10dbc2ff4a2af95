import { TableClient } from '@azure/data-tables';
import type { AppConfig } from '../config.js';

/**
 * Few, short retries (at most 1.2 s of delays in all), so a refused connection fails well inside
 * the read deadline (SETTINGS_READ_TIMEOUT_MS) and the caller can serve a stale value or a 503.
 */
const RETRY_OPTIONS = { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 };

/**
 * The settings table client: a connection string (Azurite, or a key where an admin insists), or the
 * table service URL with DefaultAzureCredential (the Function App's managed identity in Azure).
 */
export async function createSettingsTableClient(settings: AppConfig['settings']): Promise<TableClient> {
  if (settings.connectionString) {
    const insecure = /DefaultEndpointsProtocol=http;|TableEndpoint=http:|UseDevelopmentStorage=true/i.test(
      settings.connectionString,
    );
    return TableClient.fromConnectionString(settings.connectionString, settings.tableName, {
      allowInsecureConnection: insecure,
      retryOptions: RETRY_OPTIONS,
    });
  }
  // Loaded on demand: @azure/identity is large and only needed where no connection string is set.
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new TableClient(settings.tableUrl ?? '', settings.tableName, new DefaultAzureCredential(), {
    retryOptions: RETRY_OPTIONS,
  });
}
