import fc from 'fast-check';
import { SESSION_COOKIE } from './fuzz-site.js';
import { valuesFor } from './param-values.js';
import type { FuzzRequest, Param } from './requests.js';
import { fuzzRoute } from './routes.js';
import { asFieldValue, hostileText } from './values.js';

/**
 * Requests that start valid and are then broken a little. Random parameters stop at an endpoint's
 * first check every time; the answers worth attacking (a token with state echoed in a header, a
 * redirect carrying tokens, the form_post page) only come once the rest of the request is right.
 */

export type Mutation =
  | { kind: 'set'; name: string; value: string }
  | { kind: 'delete'; name: string }
  | { kind: 'repeat'; name: string; value: string }
  | { kind: 'add'; name: string; value: string };

export interface NearValidCase {
  /** A route name of support/routes.ts. */
  route: string;
  method: 'GET' | 'POST';
  base: Record<string, string>;
  mutations: Mutation[];
  signedIn: boolean;
  /** POST only: which parameters go in the form body (the rest stay in the query). */
  inBody: boolean[];
  headers: Array<[string, string]>;
}

/** Up to three changes to a valid parameter set: a value replaced, removed, sent twice, or a new one. */
export function mutations(names: readonly string[], hostUrl: string): fc.Arbitrary<Mutation[]> {
  const values = valuesFor(hostUrl);
  const named = <K extends 'set' | 'repeat'>(kind: K) =>
    fc.constantFrom(...names).chain((name) => values(name).map((value) => ({ kind, name, value })));
  const one: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 3, arbitrary: named('set') },
    { weight: 1, arbitrary: named('repeat') },
    { weight: 1, arbitrary: fc.constantFrom(...names).map((name) => ({ kind: 'delete' as const, name })) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('add' as const), name: hostileText, value: hostileText }),
    },
  );
  return fc.array(one, { maxLength: 3 });
}

export function nearValidParams(testCase: NearValidCase): Param[] {
  let entries: Array<[string, string]> = Object.entries(testCase.base);
  for (const change of testCase.mutations) {
    if (change.kind === 'set') entries = entries.map(([n, v]) => [n, n === change.name ? change.value : v]);
    else if (change.kind === 'delete') entries = entries.filter(([n]) => n !== change.name);
    else entries.push([change.name, change.value]);
  }
  return entries.map(([name, value], i) => ({
    name,
    value,
    raw: false,
    inBody: testCase.method === 'POST' && (testCase.inBody[i % testCase.inBody.length] ?? false),
  }));
}

/** The state a response may echo: sent exactly once, non-empty. */
export function sentState(params: readonly Param[]): string | undefined {
  const states = params.filter((param) => param.name === 'state' && param.value !== '');
  return states.length === 1 ? states[0]?.value : undefined;
}

export function toFuzzRequest(testCase: NearValidCase, session: string): FuzzRequest {
  const post = testCase.method === 'POST';
  const headers = testCase.headers.map(([name, value]): [string, string] => [name, asFieldValue(value)]);
  if (testCase.signedIn) headers.push(['Cookie', `${SESSION_COOKIE}=${session}`]);
  return {
    method: testCase.method,
    route: fuzzRoute(testCase.route),
    tenant: { text: 'contoso', raw: false },
    params: nearValidParams(testCase),
    body: {
      kind: post ? 'form' : 'none',
      bytes: new Uint8Array(),
      contentType: post ? 'application/x-www-form-urlencoded' : undefined,
    },
    headers,
  };
}

export const IN_BODY = fc.array(fc.boolean(), { minLength: 12, maxLength: 12 });
