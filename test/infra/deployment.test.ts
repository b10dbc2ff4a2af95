import { describe, expect, it } from 'vitest';
import { type Env, evaluate } from './bicep-eval.js';
import {
  argumentsOf,
  type BicepFile,
  type Declaration,
  descendants,
  modules,
  type Node,
  parameters,
  parseAllBicep,
  propertyKey,
  resources,
  stringLiteral,
  valueAt,
  variables,
} from './bicep-tree.js';

const files = await parseAllBicep();
const file = (name: string) => files.find((f) => f.file === name) as BicepFile;
const main = file('infra/main.bicep');
const functionApp = file('infra/modules/function-app.bicep');
const declared = files.flatMap((f) => resources(f).filter((r) => !r.existing));
const ofType = (type: string) => declared.filter((r) => r.target === type);
const one = (type: string) => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0] as Declaration;
};
const site = () => one('Microsoft.Web/sites');
const moduleCall = (name: string) => modules(main).find((m) => m.name === name);

/** A parameter's decorators by name (`allowed`, `minValue`...), each with its argument nodes. */
function decorators(f: BicepFile, parameter: string): Map<string, Node[]> {
  const declaration = parameters(f).find((p) => p.name === parameter)?.node;
  const list = declaration?.previousNamedSibling;
  const result = new Map<string, Node[]>();
  if (list?.type !== 'decorators') return result;
  for (const call of descendants(list, 'call_expression').filter((c) => c.parent?.type === 'decorator')) {
    result.set(call.namedChildren[0]?.text ?? '', argumentsOf(call));
  }
  return result;
}

/** The module's variables evaluated in order for given parameters, then `extra` on top. */
function environment(f: BicepFile, env: Env): Env {
  const result: Env = { ...env };
  for (const v of variables(f)) result[v.name] = evaluate(v.value, result);
  return result;
}

const DEFAULT_HOST = 'func-abc.azurewebsites.net';
function appEnv(publicBaseUrl: string): Env {
  return environment(functionApp, { publicBaseUrl, 'app.properties.defaultHostName': DEFAULT_HOST });
}

describe('azd-service-name', () => {
  it('is on the site only, never on the plan or anything else', () => {
    const tags = files.flatMap((f) =>
      descendants(f.root, 'object_property').filter((p) => propertyKey(p) === 'azd-service-name'),
    );
    expect(tags).toHaveLength(1);
    let owner: Node | null | undefined = tags[0];
    while (owner && owner.type !== 'resource_declaration') owner = owner.parent;
    expect(owner?.namedChildren[1]?.text).toMatch(/^'Microsoft\.Web\/sites@/);
    expect(valueAt(one('Microsoft.Web/serverfarms').body, 'tags')?.text).toBe('tags');
  });

  it("names azure.yaml's service, api", () => {
    expect(stringLiteral(valueAt(moduleCall('functionApp')?.body, 'params', 'serviceName'))).toBe('api');
    expect(valueAt(site().body, 'tags')?.text).toBe("union(tags, { 'azd-service-name': serviceName })");
  });
});

describe('Easy Auth behind Front Door', () => {
  const convention = () => {
    const auth = ofType('Microsoft.Web/sites/config').find(
      (r) => stringLiteral(valueAt(r.body, 'name')) === 'authsettingsV2',
    );
    return valueAt(auth?.body, 'properties', 'httpSettings', 'forwardProxy', 'convention');
  };

  it.each([
    ['', 'NoProxy'],
    ['https://sts.contoso.com', 'Standard'],
    ['https://sts.contoso.com/', 'Standard'],
  ])('PUBLIC_BASE_URL %j: forwardProxy %s', (publicBaseUrl, expected) => {
    expect(evaluate(convention(), appEnv(publicBaseUrl))).toBe(expected);
  });
});

describe('URLs composed from PUBLIC_BASE_URL', () => {
  const outputs = new Map(
    descendants(main.root, 'output_declaration').map((o) => [
      o.namedChildren[0]?.text ?? '',
      o.namedChildren.at(-1),
    ]),
  );
  const urls = [...outputs].filter(([name]) => /_(URL|URI|ENDPOINT)$/.test(name));

  it.each(['', 'https://sts.contoso.com', 'https://sts.contoso.com/'])(
    '%j gives no // after the scheme',
    (base) => {
      const env = appEnv(base);
      const setting = valueAt(
        ofType('Microsoft.Web/sites/config').find(
          (r) => stringLiteral(valueAt(r.body, 'name')) === 'appsettings',
        )?.body,
        'properties',
        'PUBLIC_BASE_URL',
      );
      const mainEnv: Env = {
        'functionApp.outputs.serviceUrl': env.serviceUrl ?? '',
        'functionApp.outputs.defaultHostName': DEFAULT_HOST,
        'keyVault.outputs.uri': 'https://kv-abc.vault.azure.net/',
        'storage.outputs.tableEndpoint': 'https://stabc.table.core.windows.net/',
      };
      const values = [evaluate(setting, env), ...urls.map(([, node]) => evaluate(node, mainEnv))];
      expect(urls.length).toBeGreaterThan(4);
      for (const url of values) expect(String(url).replace(/^https:\/\//, '')).not.toContain('//');
      expect(env.serviceUrl).toBe(base ? 'https://sts.contoso.com' : `https://${DEFAULT_HOST}`);
    },
  );
});

describe('Flex Consumption limits and the site id', () => {
  it('keeps maximumInstanceCount at 40 or more, as Flex Consumption requires', () => {
    for (const f of [main, functionApp]) {
      expect(
        Number(decorators(f, 'maximumInstanceCount').get('minValue')?.[0]?.text),
        f.file,
      ).toBeGreaterThanOrEqual(40);
    }
  });

  it('allows only regions that offer Flex Consumption', () => {
    const allowed = decorators(main, 'location').get('allowed')?.[0];
    const regions = allowed ? allowed.namedChildren.map((n) => stringLiteral(n ?? undefined)) : [];
    expect(regions.length).toBeGreaterThan(10);
    for (const region of regions) expect(region).toMatch(/^[a-z0-9]+$/);
    expect(regions).toEqual(expect.arrayContaining(['eastus', 'westeurope', 'swedencentral']));
    // Regions without Flex Consumption (the deployment would fail halfway).
    for (const region of ['westindia', 'japanwest', 'canadaeast']) expect(regions).not.toContain(region);
  });

  it('bounds the site id length (the preprovision hook checks its characters)', () => {
    const d = decorators(main, 'defaultSite');
    expect(d.get('minLength')?.[0]?.text).toBe('1');
    expect(d.get('maxLength')?.[0]?.text).toBe('63');
  });
});

describe("the site's config children", () => {
  const children = declared.filter(
    (r) => r.file === functionApp && valueAt(r.body, 'parent')?.text === 'app',
  );
  const dependsOn = (r: Declaration) =>
    (valueAt(r.body, 'dependsOn')?.namedChildren ?? []).map((n) => n?.text ?? '');

  it('are written one after another (in parallel they fail with 409 Conflict)', () => {
    expect(children.map((r) => r.name).sort()).toEqual([
      'appSettings',
      'authSettings',
      'ftpBasicAuth',
      'scmBasicAuth',
    ]);
    const reaches = (from: Declaration, to: string): boolean =>
      dependsOn(from).some(
        (name) => name === to || reaches(children.find((c) => c.name === name) as Declaration, to),
      );
    for (const a of children) {
      for (const b of children.filter((c) => c !== a)) {
        expect(reaches(a, b.name) || reaches(b, a.name), `${a.name} / ${b.name}`).toBe(true);
      }
    }
  });
});

describe('Key Vault tier', () => {
  it('is a parameter, standard or premium (premium for HSM keys), passed to the vault', () => {
    expect(decorators(main, 'keyVaultSku').get('allowed')?.[0]?.text).toBe("['standard', 'premium']");
    expect(valueAt(moduleCall('keyVault')?.body, 'params', 'sku')?.text).toBe('keyVaultSku');
    const vault = one('Microsoft.KeyVault/vaults');
    expect(evaluate(valueAt(vault.body, 'properties', 'sku', 'name'), { sku: 'premium' })).toBe('premium');
  });
});

describe('certificate expiry alerts', () => {
  const actionGroup = () => one('Microsoft.Insights/actionGroups');
  const actionGroupsOf = (r: Declaration | undefined, ...path: string[]) =>
    (valueAt(r?.body, ...path)?.namedChildren ?? []).map((n) => n?.text);

  it("e-mail the address azd takes as ALERT_EMAIL (also the hook's certificate contact)", () => {
    const receivers = valueAt(actionGroup().body, 'properties', 'emailReceivers');
    expect(receivers?.namedChildren.map((r) => valueAt(r ?? undefined, 'emailAddress')?.text)).toEqual([
      'alertEmail',
    ]);
    expect(valueAt(moduleCall('alerts')?.body, 'params', 'alertEmail')?.text).toBe('alertEmail');
    expect(descendants(main.root, 'output_declaration').map((o) => o.text)).toContain(
      'output ALERT_EMAIL string = alertEmail',
    );
  });

  it("raise an Azure Monitor alert on Key Vault's CertificateNearExpiry event", () => {
    const topic = one('Microsoft.EventGrid/systemTopics');
    expect(valueAt(topic.body, 'properties', 'source')?.text).toBe('vault.id');
    expect(stringLiteral(valueAt(topic.body, 'properties', 'topicType'))).toBe('Microsoft.KeyVault.vaults');
    const subscription = one('Microsoft.EventGrid/systemTopics/eventSubscriptions');
    expect(valueAt(subscription.body, 'parent')?.text).toBe(topic.name);
    const types = valueAt(subscription.body, 'properties', 'filter', 'includedEventTypes');
    expect(types?.namedChildren.map((n) => stringLiteral(n ?? undefined))).toContain(
      'Microsoft.KeyVault.CertificateNearExpiry',
    );
    // The Monitor alert destination accepts CloudEvents only.
    expect(stringLiteral(valueAt(subscription.body, 'properties', 'eventDeliverySchema'))).toBe(
      'CloudEventSchemaV1_0',
    );
    expect(stringLiteral(valueAt(subscription.body, 'properties', 'destination', 'endpointType'))).toBe(
      'MonitorAlert',
    );
    expect(actionGroupsOf(subscription, 'properties', 'destination', 'properties', 'actionGroups')).toEqual([
      `${actionGroup().name}.id`,
    ]);
  });

  it("alert on the service's certificate-expiry errors (and warnings) in Application Insights", () => {
    const rules = ofType('Microsoft.Insights/scheduledQueryRules');
    const query = (r: Declaration) =>
      stringLiteral(
        valueAt(valueAt(r.body, 'properties', 'criteria', 'allOf')?.namedChildren[0] ?? undefined, 'query'),
      );
    const byQuery = new Map(
      rules.map((r) => [query(r), Number(valueAt(r.body, 'properties', 'severity')?.text)]),
    );
    const prefix = 'traces | where message startswith "certificate-expiry:"';
    expect(byQuery.get(`${prefix} and severityLevel >= 3`)).toBe(1);
    expect(byQuery.get(`${prefix} and severityLevel == 2`)).toBe(2);
    for (const r of rules) {
      expect(valueAt(r.body, 'properties', 'scopes')?.text).toBe('[applicationInsights.id]');
      expect(actionGroupsOf(r, 'properties', 'actions', 'actionGroups')).toEqual([
        `${actionGroup().name}.id`,
      ]);
    }
  });
});
