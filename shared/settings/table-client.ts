import { TableClient } from '@azure/data-tables';
import type { AppConfig } from '../config.js';

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
      retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
    });
  }
  // Loaded on demand: @azure/identity is large and only needed where no connection string is set.
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new TableClient(settings.tableUrl ?? '', settings.tableName, new DefaultAzureCredential(), {
    retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
  });
}
