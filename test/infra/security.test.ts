import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  calls,
  type Declaration,
  infraFiles,
  parseAllBicep,
  repoRoot,
  resources,
  stringLiteral,
  valueAt,
  where,
} from './bicep-tree.js';

const files = await parseAllBicep();
const declared = files.flatMap((file) => resources(file).filter((r) => !r.existing));

function ofType(type: string): Declaration[] {
  return declared.filter((r) => r.target === type);
}

// A check over zero resources would pass vacuously: each type checked below must be declared.
const CHECKED_TYPES = [
  'Microsoft.Storage/storageAccounts',
  'Microsoft.Storage/storageAccounts/tableServices/tables',
  'Microsoft.Storage/storageAccounts/blobServices/containers',
  'Microsoft.KeyVault/vaults',
  'Microsoft.Insights/components',
  'Microsoft.OperationalInsights/workspaces',
  'Microsoft.Web/serverfarms',
  'Microsoft.Web/sites',
  'Microsoft.Web/sites/config',
  'Microsoft.Web/sites/basicPublishingCredentialsPolicies',
];

it.each(CHECKED_TYPES)('declares %s', (type) => {
  expect(ofType(type).length).toBeGreaterThan(0);
});

/** The literal value at a path: true/false, a string's content, or the raw text. */
function literal(r: Declaration, ...keys: string[]): string | undefined {
  const node = valueAt(r.body, ...keys);
  return stringLiteral(node) ?? node?.text;
}

/**
 * A test per resource of `type`: each of `properties` is set to its literal value, and `more`
 * holds for it too.
 */
function itSetsOnEach(
  type: string,
  what: string,
  properties: Record<string, string>,
  more: (r: Declaration) => void = () => {},
): void {
  it.each(ofType(type).map((r) => [r.name, r] as const))(`%s: ${what}`, (_, r) => {
    for (const [name, value] of Object.entries(properties)) {
      expect(literal(r, 'properties', name), name).toBe(value);
    }
    more(r);
  });
}

describe('no shared keys anywhere', () => {
  it('calls no list*Keys / connection-string functions', () => {
    for (const file of files) {
      for (const fn of ['listKeys', 'listConnectionStrings', 'listAccountSas', 'listServiceSas']) {
        const found = calls(file, fn);
        expect(
          found.map((c) => where(file, c)),
          `${fn}( in ${file.file}`,
        ).toEqual([]);
      }
    }
  });

  it('has no connection string with an AccountKey in the templates, parameters or hooks', () => {
    const texts = [
      ...infraFiles('.bicep'),
      ...infraFiles('.json'),
      ...infraFiles('.sh'),
      ...infraFiles('.ps1'),
    ];
    texts.push(path.join(repoRoot, 'azure.yaml'));
    for (const file of texts) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/AccountKey\s*=/i);
    }
  });
});

describe('storage', () => {
  itSetsOnEach('Microsoft.Storage/storageAccounts', 'shared keys off, TLS 1.2, no public blobs', {
    allowSharedKeyAccess: 'false',
    minimumTlsVersion: 'TLS1_2',
    allowBlobPublicAccess: 'false',
  });

  it('creates the SiteSettings table and a private deployment container', () => {
    expect(ofType('Microsoft.Storage/storageAccounts/tableServices/tables').length).toBe(1);
    for (const c of ofType('Microsoft.Storage/storageAccounts/blobServices/containers')) {
      expect(literal(c, 'properties', 'publicAccess')).toBe('None');
    }
  });
});

describe('Key Vault', () => {
  itSetsOnEach(
    'Microsoft.KeyVault/vaults',
    'RBAC only, soft delete and purge protection on',
    { enableRbacAuthorization: 'true', enableSoftDelete: 'true', enablePurgeProtection: 'true' },
    (r) => expect(valueAt(r.body, 'properties', 'accessPolicies')).toBeUndefined(),
  );
});

describe('monitoring', () => {
  it('Application Insights accepts Entra-authenticated telemetry only', () => {
    for (const r of ofType('Microsoft.Insights/components')) {
      expect(literal(r, 'properties', 'DisableLocalAuth')).toBe('true');
    }
  });

  it('Log Analytics has local auth off', () => {
    for (const r of ofType('Microsoft.OperationalInsights/workspaces')) {
      expect(literal(r, 'properties', 'features', 'disableLocalAuth')).toBe('true');
    }
  });
});

describe('Function App', () => {
  it('runs on Flex Consumption (FC1)', () => {
    for (const plan of ofType('Microsoft.Web/serverfarms')) {
      expect(literal(plan, 'sku', 'name')).toBe('FC1');
      expect(literal(plan, 'sku', 'tier')).toBe('FlexConsumption');
      expect(literal(plan, 'properties', 'reserved')).toBe('true');
    }
  });

  it('is a Linux Node 22 app, HTTPS only, deploying from blob storage with a managed identity', () => {
    for (const app of ofType('Microsoft.Web/sites')) {
      expect(literal(app, 'kind')).toBe('functionapp,linux');
      expect(literal(app, 'properties', 'httpsOnly')).toBe('true');
      const config = ['properties', 'functionAppConfig'];
      expect(literal(app, ...config, 'runtime', 'name')).toBe('node');
      expect(literal(app, ...config, 'runtime', 'version')).toBe('22');
      expect(literal(app, ...config, 'deployment', 'storage', 'type')).toBe('blobContainer');
      expect(literal(app, ...config, 'deployment', 'storage', 'authentication', 'type')).toMatch(
        /^(UserAssignedIdentity|SystemAssignedIdentity)$/,
      );
      expect(valueAt(app.body, ...config, 'scaleAndConcurrency')?.type).toBe('object');
      expect(literal(app, 'identity', 'type')).toMatch(/Assigned/);
    }
  });

  it('signs users in with Entra ID through Easy Auth, and lets the function decide', () => {
    const auth = ofType('Microsoft.Web/sites/config').filter((r) => literal(r, 'name') === 'authsettingsV2');
    expect(auth).toHaveLength(1);
    const [r] = auth as [Declaration];
    expect(literal(r, 'properties', 'platform', 'enabled')).toBe('true');
    expect(literal(r, 'properties', 'globalValidation', 'unauthenticatedClientAction')).toBe(
      'AllowAnonymous',
    );
    // Nothing reads stored tokens, and Flex Consumption has no shared file system for them.
    expect(literal(r, 'properties', 'login', 'tokenStore', 'enabled')).toBe('false');
    const aad = ['properties', 'identityProviders', 'azureActiveDirectory'];
    expect(literal(r, ...aad, 'enabled')).toBe('true');
    // The issuer is interpolated with the tenant id: check its shape from the source text.
    expect(valueAt(r.body, ...aad, 'registration', 'openIdIssuer')?.text).toMatch(
      /^'https:\/\/login\.microsoftonline\.com\/\$\{\w+\}\/v2\.0'$/,
    );
  });

  it('keeps FTP and SCM basic-auth publishing off', () => {
    const policies = ofType('Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    expect(policies.map((p) => literal(p, 'name')).sort()).toEqual(['ftp', 'scm']);
    for (const p of policies) expect(literal(p, 'properties', 'allow')).toBe('false');
  });
});
