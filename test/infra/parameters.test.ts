import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  infraDir,
  modules,
  parameters,
  parseAllBicep,
  parseBicep,
  properties,
  propertyKey,
  repoRoot,
  valueAt,
} from './bicep-tree.js';

interface ParametersFile {
  parameters: Record<string, { value?: unknown }>;
}

const main = await parseBicep(path.join(infraDir, 'main.bicep'));
const parametersFile = JSON.parse(
  readFileSync(path.join(infraDir, 'main.parameters.json'), 'utf8'),
) as ParametersFile;
const mainParameters = parameters(main);

/** azd substitutes `${NAME}` in the parameters file with the environment's value. */
function azdVariable(name: string): string {
  return `\${${name}}`;
}

describe('infra/main.parameters.json', () => {
  const named = Object.keys(parametersFile.parameters);

  it('names only parameters that main.bicep declares', () => {
    const declared = new Set(mainParameters.map((p) => p.name));
    expect(named.filter((name) => !declared.has(name))).toEqual([]);
  });

  it('provides every main.bicep parameter that has no default', () => {
    const required = mainParameters.filter((p) => !p.hasDefault).map((p) => p.name);
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((name) => !named.includes(name))).toEqual([]);
  });

  it('takes string values from the azd environment ($VAR or $VAR=default in braces)', () => {
    const strings = Object.entries(parametersFile.parameters).filter(
      ([, { value }]) => typeof value === 'string',
    );
    expect(strings.length).toBeGreaterThan(0);
    for (const [name, { value }] of strings) {
      expect(value, name).toMatch(/^\$\{[A-Z][A-Z0-9_]*(=[^}]*)?\}$/);
    }
  });

  it('passes the azd basics through', () => {
    expect(parametersFile.parameters.environmentName?.value).toBe(azdVariable('AZURE_ENV_NAME'));
    expect(parametersFile.parameters.location?.value).toBe(azdVariable('AZURE_LOCATION'));
    expect(parametersFile.parameters.principalId?.value).toBe(azdVariable('AZURE_PRINCIPAL_ID'));
  });
});

const files = await parseAllBicep();

describe('module parameters', () => {
  const calls = files.flatMap((file) => modules(file).map((m) => ({ file, m })));

  it.each(calls.map(({ file, m }) => [`${file.file} -> ${m.target}`, file, m] as const))(
    '%s passes only declared parameters and every required one',
    async (_, file, m) => {
      const target = await parseBicep(path.resolve(path.dirname(path.join(repoRoot, file.file)), m.target));
      const declared = parameters(target);
      const passed = properties(valueAt(m.body, 'params')).map(propertyKey);
      expect(passed.filter((name) => !declared.some((p) => p.name === name))).toEqual([]);
      const required = declared.filter((p) => !p.hasDefault).map((p) => p.name);
      expect(required.filter((name) => !passed.includes(name))).toEqual([]);
    },
  );
});
