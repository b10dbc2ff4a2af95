import { describe, expect, it } from 'vitest';
import {
  argumentsOf,
  type BicepFile,
  descendants,
  parseAllBicep,
  resources,
  stringLiteral,
  valueAt,
  variables,
} from './bicep-tree.js';

/**
 * Built-in role definitions, checked against the published definitions (the ids are the same in
 * every tenant). Key Vault Certificate User's data actions: certificates/read, keys/read,
 * secrets/getSecret/action, secrets/readMetadata/action: enough to read a certificate's private
 * key through its backing secret, nothing to change it. Key Vault Crypto User: keys/read and the
 * keys' sign/verify/encrypt/decrypt/wrap/unwrap operations, nothing to create or delete keys.
 */
const BUILT_IN_ROLES: Record<string, string> = {
  'Key Vault Certificate User': 'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba',
  'Key Vault Certificates Officer': 'a4417e6f-fecd-4de8-b567-7b0420556985',
  'Key Vault Crypto User': '12338af0-0e69-4776-bea7-57ae8d297424',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Storage Table Data Reader': '76199698-9eea-4c19-bc75-cec21354c6b6',
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
};
const ROLE_BY_ID = new Map(Object.entries(BUILT_IN_ROLES).map(([name, id]) => [id, name]));

/** Exactly these grants, no more: least privilege is part of the design. */
const EXPECTED_GRANTS = [
  'app: Key Vault Certificate User on Microsoft.KeyVault/vaults',
  // Signs with keys that never leave Key Vault (non-exportable or HSM certificates).
  'app: Key Vault Crypto User on Microsoft.KeyVault/vaults',
  'app: Storage Table Data Reader on Microsoft.Storage/storageAccounts',
  'app: Storage Blob Data Owner on Microsoft.Storage/storageAccounts',
  'app: Monitoring Metrics Publisher on Microsoft.Insights/components',
  'admin: Key Vault Certificates Officer on Microsoft.KeyVault/vaults',
  'admin: Storage Table Data Contributor on Microsoft.Storage/storageAccounts',
].sort();

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 'Key Vault Certificate User' -> 'keyVaultCertificateUserRoleId'. */
function variableNameFor(role: string): string {
  const words = role.split(/\s+/);
  return `${words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]?.toUpperCase() + w.slice(1))).join('')}RoleId`;
}

const files = await parseAllBicep();

function roleVariables(file: BicepFile) {
  return variables(file).filter((v) => GUID.test(stringLiteral(v.value) ?? ''));
}

interface Grant {
  file: string;
  name: string;
  principal: string;
  role: string | undefined;
  scopeType: string | undefined;
  nameArgs: string[];
  expectedNameArgs: string[];
  roleDefinitionId: string;
}

function grants(): Grant[] {
  return files.flatMap((file) => {
    const roleVars = new Map(roleVariables(file).map((v) => [v.name, stringLiteral(v.value) ?? '']));
    const declared = new Map(resources(file).map((r) => [r.name, r.target]));
    return resources(file)
      .filter((r) => r.target === 'Microsoft.Authorization/roleAssignments' && !r.existing)
      .map((r) => {
        const roleDefinition = valueAt(r.body, 'properties', 'roleDefinitionId');
        const roleArg =
          roleDefinition?.type === 'call_expression' ? argumentsOf(roleDefinition).at(-1) : undefined;
        const principal = valueAt(r.body, 'properties', 'principalId')?.text ?? '';
        const scope = valueAt(r.body, 'scope')?.text ?? '';
        const nameCall = valueAt(r.body, 'name');
        return {
          file: file.file,
          name: r.name,
          principal,
          role: ROLE_BY_ID.get(roleVars.get(roleArg?.text ?? '') ?? ''),
          scopeType: declared.get(scope),
          nameArgs: nameCall?.type === 'call_expression' ? argumentsOf(nameCall).map((a) => a.text) : [],
          expectedNameArgs: [`${scope}.id`, principal, roleArg?.text ?? '<none>'],
          roleDefinitionId: roleDefinition?.text ?? '',
        };
      });
  });
}

describe('role definition ids', () => {
  it('declares role ids as variables named after the role, with the role name in a comment', () => {
    const found = files.flatMap((file) => roleVariables(file).map((v) => ({ file, v })));
    expect(found.length).toBeGreaterThan(0);
    for (const { file, v } of found) {
      const id = stringLiteral(v.value) ?? '';
      const role = v.trailingComment ?? '';
      expect(BUILT_IN_ROLES[role], `${file.file}: ${v.name} has comment '${role}'`).toBe(id);
      expect(v.name, `${file.file}: variable for ${role}`).toBe(variableNameFor(role));
    }
  });

  it('uses no role id outside that table, anywhere', () => {
    for (const file of files) {
      for (const content of descendants(file.root, 'string_content')) {
        if (GUID.test(content.text)) {
          expect(ROLE_BY_ID.has(content.text), `${file.file}: unknown GUID ${content.text}`).toBe(true);
        }
      }
    }
  });
});

describe('role assignments', () => {
  const all = grants();

  it('grant exactly the expected roles at the expected scopes', () => {
    const described = all.map((g) => {
      const who = g.principal.toLowerCase().includes('admin') ? 'admin' : 'app';
      return `${who}: ${g.role ?? `unknown role (${g.roleDefinitionId})`} on ${g.scopeType ?? 'an undeclared scope'}`;
    });
    expect(described.sort()).toEqual(EXPECTED_GRANTS);
  });

  it('reference role definitions with subscriptionResourceId(...roleDefinitions, <role variable>)', () => {
    for (const g of all) {
      expect(g.roleDefinitionId, `${g.name} in ${g.file}`).toMatch(
        /^subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', \w+RoleId\)$/,
      );
    }
  });

  it('are named guid(scope, principalId, roleDefinitionId) so redeployments find them', () => {
    for (const g of all) {
      expect(g.nameArgs, `${g.name} in ${g.file}`).toEqual(g.expectedNameArgs);
    }
  });
});
