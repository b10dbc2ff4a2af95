import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../dev/azurite.js';

/**
 * Starts a real Azurite Table service on a free port for the whole run, in memory, and hands its
 * connection string to the tests as AZURITE_CONNECTION_STRING (inherited by the test workers).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startAzurite({ inMemory: true });
  process.env.AZURITE_CONNECTION_STRING = azurite.connectionString;
  project.provide('azuriteConnectionString', azurite.connectionString);
  return () => azurite.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}
