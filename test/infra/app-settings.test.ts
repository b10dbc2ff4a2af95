import { describe, expect, it } from 'vitest';
import { APP_SETTINGS } from '../../shared/config.js';
import { parseAllBicep, properties, propertyKey, resources, stringLiteral, valueAt } from './bicep-tree.js';

/** Read by the code but never set in Azure, with the reason. */
const NOT_SET_IN_AZURE: Record<string, string> = {
  SITE_SETTINGS_CONNECTION_STRING:
    'development only (Azurite); Azure uses SITE_SETTINGS_TABLE_URL + managed identity',
  LOCAL_CERTIFICATES_DIR: 'development only; Azure reads certificates from Key Vault',
  LOCAL_CERTIFICATES_PASSWORD: 'development only; Azure reads certificates from Key Vault',
  WEBSITE_AUTH_ENABLED: 'set by App Service itself when Easy Auth is on; setting it by hand would fake that',
};

/** Set in the Bicep but read by the platform rather than by our code, with the reader. */
const PLATFORM_SETTINGS: Array<[RegExp, string]> = [
  [/^AzureWebJobsStorage__(accountName|credential|clientId)$/, 'Functions host: identity-based host storage'],
  [
    /^APPLICATIONINSIGHTS_(CONNECTION_STRING|AUTHENTICATION_STRING)$/,
    'Functions host / Application Insights',
  ],
  [/^AZURE_CLIENT_ID$/, 'DefaultAzureCredential: which user-assigned identity to use'],
  [/^FUNCTIONS_/, 'Functions host'],
];

const files = await parseAllBicep();
const appSettingsResources = files.flatMap((file) =>
  resources(file).filter(
    (r) =>
      r.target === 'Microsoft.Web/sites/config' && stringLiteral(valueAt(r.body, 'name')) === 'appsettings',
  ),
);

function settingsObject() {
  expect(appSettingsResources, 'one Microsoft.Web/sites/config appsettings resource').toHaveLength(1);
  const settings = valueAt(appSettingsResources[0]?.body, 'properties');
  // An object literal, so every name is visible here (no union() of objects built elsewhere).
  expect(settings?.type).toBe('object');
  return settings;
}

function setInBicep(): Map<string, string | undefined> {
  return new Map(
    properties(settingsObject()).map((p) => [propertyKey(p), stringLiteral(p.namedChildren[1] ?? undefined)]),
  );
}

describe('Function App settings', () => {
  it('sets every setting the code reads (APP_SETTINGS), except the documented exceptions', () => {
    const set = setInBicep();
    const missing = Object.keys(APP_SETTINGS).filter((name) => !(name in NOT_SET_IN_AZURE) && !set.has(name));
    expect(missing).toEqual([]);
  });

  it('lists only exceptions that APP_SETTINGS still has', () => {
    expect(Object.keys(NOT_SET_IN_AZURE).filter((name) => !(name in APP_SETTINGS))).toEqual([]);
  });

  it('never sets development-only or platform-owned settings', () => {
    const set = setInBicep();
    expect(Object.keys(NOT_SET_IN_AZURE).filter((name) => set.has(name))).toEqual([]);
  });

  it('sets nothing that neither the code nor the platform reads', () => {
    const unknown = [...setInBicep().keys()].filter(
      (name) => !(name in APP_SETTINGS) && !PLATFORM_SETTINGS.some(([pattern]) => pattern.test(name)),
    );
    expect(unknown).toEqual([]);
  });

  it('uses identity-based host storage and Entra-authenticated telemetry', () => {
    const set = setInBicep();
    expect(set.get('AzureWebJobsStorage__credential')).toBe('managedidentity');
    expect(set.has('AzureWebJobsStorage__accountName')).toBe(true);
    expect(set.has('AzureWebJobsStorage')).toBe(false);
    // A user-assigned identity must be named for the host and for DefaultAzureCredential.
    expect(set.has('AzureWebJobsStorage__clientId')).toBe(true);
    expect(set.has('AZURE_CLIENT_ID')).toBe(true);
    expect(set.has('APPLICATIONINSIGHTS_AUTHENTICATION_STRING')).toBe(true);
  });

  it('pins the values the code must not default differently in Azure', () => {
    const set = setInBicep();
    expect(set.get('CERTIFICATE_SOURCE')).toBe('keyvault');
    expect(set.get('AUTH_LOGIN_PROVIDER')).toBe('aad');
  });

  it('does not set the runtime as app settings, which Flex Consumption rejects', () => {
    const set = setInBicep();
    expect(set.has('FUNCTIONS_WORKER_RUNTIME')).toBe(false);
    expect(set.has('FUNCTIONS_EXTENSION_VERSION')).toBe(false);
  });

  it('sets no app settings through siteConfig.appSettings, where the checks above would not see them', () => {
    for (const file of files) {
      for (const site of resources(file).filter((r) => r.target === 'Microsoft.Web/sites')) {
        expect(
          valueAt(site.body, 'properties', 'siteConfig', 'appSettings'),
          `${site.name} in ${file.file}`,
        ).toBe(undefined);
      }
    }
  });
});
