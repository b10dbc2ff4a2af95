import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { infraDir, repoRoot } from './bicep-tree.js';

const docs = readFileSync(path.join(repoRoot, 'docs/deploy.md'), 'utf8');
const main = readFileSync(path.join(infraDir, 'main.bicep'), 'utf8');
const hooks = ['postprovision.sh', 'preprovision.sh'].map((f) =>
  readFileSync(path.join(infraDir, 'hooks', f), 'utf8'),
);
const parametersFile = readFileSync(path.join(infraDir, 'main.parameters.json'), 'utf8');

/** The first ```lang block after a heading or phrase. */
function blockAfter(phrase: string, lang: string): string {
  const start = docs.indexOf(phrase);
  expect(start, phrase).toBeGreaterThanOrEqual(0);
  const match = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(docs.slice(start));
  return match?.[1] ?? '';
}

/** In the sh block after `phrase`: `first` is there, and comes before `then`. */
function expectCommandBefore(phrase: string, first: string, then: string): void {
  const block = blockAfter(phrase, 'sh');
  expect(block.indexOf(first), first).toBeGreaterThanOrEqual(0);
  expect(block.indexOf(first), first).toBeLessThan(block.indexOf(then));
}

describe('docs/deploy.md', () => {
  it('names only azd environment values the parameters file or a hook reads', () => {
    const set = [...docs.matchAll(/azd env set (\w+)/g)].map((m) => m[1] ?? '');
    expect(set).toEqual(expect.arrayContaining(['ALERT_EMAIL', 'KEY_VAULT_SKU', 'AUTH_ASSIGNMENT_REQUIRED']));
    for (const name of set) {
      expect(parametersFile.includes(`\${${name}`) || hooks.some((h) => h.includes(name)), name).toBe(true);
    }
  });

  it('names only outputs main.bicep has', () => {
    for (const [, name] of docs.matchAll(/azd env get-value (\w+)/g)) {
      expect(main.includes(`output ${name} `) || name === 'AUTH_CLIENT_ID', name).toBe(true);
    }
  });

  it('says what ships: the npm run package folder, no remote build, nothing else', () => {
    expect(docs).toContain('`npm run package`');
    expect(docs).toContain('`dist: dist/package`, `remoteBuild: false`');
    expect(docs).toContain('`.funcignore`');
  });

  it('says hand-added app settings are removed by the next provisioning', () => {
    expect(docs).toMatch(/added by hand[\s\S]{0,120}\*\*removed\*\* by the next provisioning/);
  });

  it('documents Front Door: origin host header, forwarded host, and the callback to register', () => {
    expect(docs).toContain('**origin host header**');
    expect(docs).toContain('`forwardProxy.convention` is `Standard`');
    expect(docs).toContain('https://<portal host>/.auth/login/aad/callback');
  });

  it('documents assignment required, creating the service principal first', () => {
    expectCommandBefore('**Who may sign in.**', 'az ad sp create', 'appRoleAssignmentRequired=true');
  });

  it('shows a non-exportable HSM certificate policy and the create command', () => {
    const policy = JSON.parse(blockAfter('### Keys that never leave Key Vault', 'json'));
    expect(policy.keyProperties).toMatchObject({ exportable: false, keyType: 'RSA-HSM' });
    expect(blockAfter('### Keys that never leave Key Vault', 'sh')).toContain(
      'az keyvault certificate create --vault-name "$VAULT" --name contoso-signing --policy @signing-hsm-policy.json',
    );
  });

  it('documents the expiry alerts', () => {
    expect(docs).toContain('**CertificateNearExpiry**');
    expect(docs).toContain('`certificate-expiry: …`');
  });

  it('recreates the resource group before az keyvault recover', () => {
    expectCommandBefore(
      'A vault recovers into its original resource group',
      'az group create',
      'az keyvault recover',
    );
  });
});
