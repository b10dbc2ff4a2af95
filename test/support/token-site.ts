import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import functions from '@azure/functions';
import { vi } from 'vitest';
import { createDevCertificate } from '../../dev/dev-certificate.js';
import { resetServices } from '../../shared/services.js';
import type { SettingsTable } from '../../shared/settings/settings-table.js';
import { azuriteConnectionString, freshSettingsTable, seedSite } from './settings-fixture.js';

export const DEMO_SETTINGS = {
  'Connector/ImplicitGrantFlowEnabled': 'True',
  'ImplicitGrantFlow/RegisteredClientId': 'demo-app;other-app',
  'ImplicitGrantFlow/demo-app/RedirectUri': 'http://localhost:7071/',
  'ImplicitGrantFlow/TokenExpirationTime': '900',
};

export interface TokenSite {
  table: SettingsTable;
  certificatesDir: string;
  defaultThumbprint: string;
  /** Another site in the same table: a second tenant of the deployment, the demo's settings unless told. */
  addSite(siteId: string, settings?: Record<string, string>): Promise<void>;
}

/**
 * A site in Azurite with the local certificate store, and the app settings pointing at both, as a
 * deployment would have them; the services are rebuilt from this environment on the next request.
 */
export async function setUpTokenSite(settings: Record<string, string> = DEMO_SETTINGS): Promise<TokenSite> {
  const { table, tableName } = await freshSettingsTable();
  await seedSite(table, 'contoso', settings);
  const certificatesDir = await mkdtemp(join(tmpdir(), 'portal-sts-certs-'));
  const { thumbprint } = await createDevCertificate({ dir: certificatesDir, name: 'portal-sts-signing' });
  stubServiceEnv({
    connectionString: azuriteConnectionString(),
    tableName,
    certificatesDir,
    defaultSite: 'contoso',
  });
  return {
    table,
    certificatesDir,
    defaultThumbprint: thumbprint,
    addSite: (siteId, siteSettings = DEMO_SETTINGS) => seedSite(table, siteId, siteSettings),
  };
}

/**
 * The app settings of a deployment with Table storage at `connectionString` and the local
 * certificate store; the services are rebuilt from them on the next request. TTL 0: every request
 * reads the settings, so a test sees each change at once.
 */
export function stubServiceEnv(options: {
  connectionString: string;
  tableName: string;
  certificatesDir: string;
  defaultSite: string;
}): void {
  const env: Record<string, string> = {
    DEFAULT_SITE: options.defaultSite,
    PUBLIC_BASE_URL: 'https://sts.contoso.example',
    SITE_SETTINGS_CONNECTION_STRING: options.connectionString,
    SITE_SETTINGS_TABLE_NAME: options.tableName,
    SITE_SETTINGS_TTL_SECONDS: '0',
    CERTIFICATE_SOURCE: 'local',
    LOCAL_CERTIFICATES_DIR: options.certificatesDir,
    DEFAULT_CERTIFICATE_NAME: 'portal-sts-signing',
    WEBSITE_AUTH_ENABLED: 'True',
    AUTH_LOGIN_PROVIDER: 'aad',
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  resetServices();
}

export { ADA, principalHeaders, type TestUser } from './easy-auth-headers.js';

export function httpRequest(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): InstanceType<typeof functions.HttpRequest> {
  return new functions.HttpRequest({
    method: init.method ?? 'GET',
    url: `https://sts.contoso.example${path}`,
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: { string: init.body } }),
  });
}

/** An invocation context whose log lines the test can read. */
export function invocation(): { context: InstanceType<typeof functions.InvocationContext>; lines: string[] } {
  const lines: string[] = [];
  const context = new functions.InvocationContext({
    functionName: 'test',
    logHandler: (level, ...args) => lines.push(`${level}: ${args.map(String).join(' ')}`),
  });
  return { context, lines };
}
