import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoSiteSettings } from '../../dev/demo-site.js';
import { createDevCertificate } from '../../dev/dev-certificate.js';
import { type DevHost, type DevHostOptions, startDevHost } from '../../dev/host.js';
import { resetServices } from '../../shared/services.js';
import type { SettingsTable } from '../../shared/settings/settings-table.js';
import { azuriteConnectionString, freshSettingsTable, seedSite } from './settings-fixture.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SITE_ID = 'contoso';
export const CERTIFICATE_NAME = 'portal-sts-signing';

export interface TestDevHost {
  url: string;
  host: DevHost;
  table: SettingsTable;
  certificateThumbprint: string;
  /** Every line the host logged (already redacted), for tests that check what reaches stdout. */
  logs: string[];
  close(): Promise<void>;
}

export interface TestDevHostOptions {
  /** Function modules to serve. Default: the real functions/*.ts. */
  functionModules?: string[];
  /** Connection timeouts; default: the dev host's own. */
  timeouts?: DevHostOptions['timeouts'];
  /** Site settings; default: the demo site `npm start` seeds, with this host's redirect URI. */
  settings?: (url: string) => Record<string, string>;
}

export async function realFunctionModules(): Promise<string[]> {
  const dir = path.join(ROOT, 'functions');
  return (await readdir(dir))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * The dev host in this test process on a free port, against the run's Azurite (a fresh table), a
 * temporary local certificate folder, and a seeded site: `npm start` in miniature. The app
 * settings go straight into process.env (handlers read it once, through getServices) and are put
 * back by close().
 */
export async function startTestDevHost(options: TestDevHostOptions = {}): Promise<TestDevHost> {
  const { table, tableName } = await freshSettingsTable();
  const certificatesDir = await mkdtemp(path.join(tmpdir(), 'portal-sts-dev-host-'));
  const { thumbprint } = await createDevCertificate({ dir: certificatesDir, name: CERTIFICATE_NAME });
  const logs: string[] = [];
  // startDevHost sets the two Easy Auth settings itself; they are put back with the others.
  const touched = ['WEBSITE_AUTH_ENABLED', 'AUTH_LOGIN_PROVIDER', 'DEFAULT_SITE', 'PUBLIC_BASE_URL'];
  const saved = new Map<string, string | undefined>(touched.map((name) => [name, process.env[name]]));
  const host = await startDevHost({
    port: 0,
    functionModules: options.functionModules ?? (await realFunctionModules()),
    logSink: (line) => logs.push(line),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  });

  const env: Record<string, string> = {
    DEFAULT_SITE: SITE_ID,
    PUBLIC_BASE_URL: host.url,
    SITE_SETTINGS_CONNECTION_STRING: azuriteConnectionString(),
    SITE_SETTINGS_TABLE_NAME: tableName,
    SITE_SETTINGS_TTL_SECONDS: '0',
    CERTIFICATE_SOURCE: 'local',
    LOCAL_CERTIFICATES_DIR: certificatesDir,
    DEFAULT_CERTIFICATE_NAME: CERTIFICATE_NAME,
  };
  for (const name of Object.keys(env)) if (!saved.has(name)) saved.set(name, process.env[name]);
  Object.assign(process.env, env);
  resetServices();
  await seedSite(table, SITE_ID, (options.settings ?? demoSiteSettings)(host.url));

  return {
    url: host.url,
    host,
    table,
    certificateThumbprint: thumbprint,
    logs,
    async close() {
      await host.close();
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      resetServices();
      await rm(certificatesDir, { recursive: true, force: true });
    },
  };
}

/** The fields of the dev sign-in form. */
export type SignInFields = Partial<
  Record<
    | 'userId'
    | 'userDetails'
    | 'email'
    | 'given_name'
    | 'family_name'
    | 'phone_number'
    | 'locale'
    | 'roles'
    | 'post_login_redirect_uri',
    string
  >
>;

/** The user most tests sign in as through the dev sign-in form. */
export const ALEX = {
  userId: '7d3c8f7e-4b1a-4f0e-9a55-1c2d3e4f5a6b',
  userDetails: 'alex@contoso.com',
  email: 'alex.wilber@contoso.com',
  given_name: 'Alex',
  family_name: 'Wilber',
  phone_number: '+1 425 555 0100',
} satisfies SignInFields;

/**
 * A tiny browser: keeps cookies across requests (by name; one host), never follows redirects,
 * so tests see each hop.
 */
export class CookieJarClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async fetch(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0 && !headers.has('cookie')) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(new URL(pathOrUrl, this.baseUrl), { ...init, headers, redirect: 'manual' });
    for (const setCookie of response.headers.getSetCookie()) this.#store(setCookie);
    return response;
  }

  #store(setCookie: string): void {
    const [pair = '', ...attributes] = setCookie.split(';');
    const equals = pair.indexOf('=');
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(attribute));
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  /** Posts the dev sign-in form, as a browser on this site would. */
  signIn(fields: SignInFields): Promise<Response> {
    const body = new URLSearchParams(
      Object.entries(fields).filter((entry): entry is [string, string] => !!entry[1]),
    );
    return this.fetch('/.auth/login/dev', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(this.baseUrl).origin },
      body,
    });
  }
}
