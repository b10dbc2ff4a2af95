import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { type CookieJarClient, startTestDevHost, type TestDevHost } from '../support/dev-host.js';

/** Functions registered through app.http for the dev host's own tests: echo, stream, throw... */
export const FIXTURE = fileURLToPath(new URL('../fixtures/dev-host-functions.ts', import.meta.url));

/** The fixture functions' dev host for one test file: started before its tests, closed after them. */
export function fixtureDevHostForFile(): () => TestDevHost {
  let dev: TestDevHost | undefined;
  beforeAll(async () => {
    dev = await startTestDevHost({ functionModules: [FIXTURE] });
  });
  afterAll(async () => {
    await dev?.close();
  });
  return () => {
    if (!dev) throw new Error('the dev host has not started');
    return dev;
  };
}

/** What the fixture's echo function answers: the request as the handler saw it. */
export interface Echo {
  method: string;
  url: string;
  params: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body: string;
  functionName: string;
  user: { type: string; id: string; username: string; identityProvider: string } | null;
}

export async function echo(client: CookieJarClient, path = '/fixture/echo/1', init: RequestInit = {}) {
  const response = await client.fetch(path, init);
  expect(response.status).toBe(200);
  return (await response.json()) as Echo;
}

export function decodePrincipal(header: string | undefined) {
  return JSON.parse(Buffer.from(header ?? '', 'base64').toString('utf8')) as {
    auth_typ: string;
    claims: { typ: string; val: string }[];
    name_typ: string;
    role_typ: string;
  };
}
