import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../shared/config.js';
import { resetServices } from '../shared/services.js';
import { SettingsTable } from '../shared/settings/settings-table.js';
import { createSettingsTableClient } from '../shared/settings/table-client.js';
import { freePort, type RunningAzurite, startAzurite } from './azurite.js';
import { DEMO_CLIENT_ID, seedDemoSiteIfEmpty } from './demo-site.js';
import { type DevHost, startDevHost } from './host.js';
import { ensureDevSigningCertificate } from './signing-certificate.js';
import { applyPortDefaults, applyStartDefaults } from './start-environment.js';

/**
 * `npm start`: everything a fresh clone needs to get a token in the browser, with no Azure and no
 * Functions Core Tools: Azurite for the site settings, a development signing certificate, the demo
 * site, and the dev host serving the real function modules that package.json "main" names (the esbuild bundle).
 */

const log = (line: string) => process.stdout.write(`${line}\n`);

/**
 * The settings the admin CLI needs to work on this run's site settings and local certificates, as
 * a shell file: Azurite's port changes between runs, and its key is the public development key.
 */
async function writeCliEnvironment(dataDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const names = [
    'SITE_SETTINGS_CONNECTION_STRING',
    'SITE_SETTINGS_TABLE_NAME',
    'CERTIFICATE_SOURCE',
    'LOCAL_CERTIFICATES_DIR',
    'DEFAULT_CERTIFICATE_NAME',
  ];
  const lines = names
    .filter((name) => env[name])
    .map((name) => `${name}='${env[name]?.replace(/'/g, `'\\''`)}'`);
  await writeFile(path.join(dataDir, 'dev.env'), `${lines.join('\n')}\n`, { mode: 0o600 });
}

async function main(): Promise<void> {
  const env = process.env;
  const settings = applyStartDefaults(env, process.cwd());
  const hostname = env.HOST?.trim() || '127.0.0.1';
  // PORT=0 means "any free port"; it is picked up front because the public URL and seed need it.
  const port = settings.port === 0 ? await freePort(hostname) : settings.port;
  applyPortDefaults(env, port);

  let azurite: RunningAzurite | undefined;
  let host: DevHost | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1); // a second Ctrl+C: stop waiting
    stopping = true;
    log(`\n${signal}: stopping...`);
    await host?.close().catch(() => undefined);
    await azurite?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await mkdir(settings.dataDir, { recursive: true });
    if (settings.runAzurite) {
      const dataDir = path.join(settings.dataDir, 'azurite');
      await mkdir(dataDir, { recursive: true });
      azurite = await startAzurite({ dataDir });
      env.SITE_SETTINGS_CONNECTION_STRING = azurite.connectionString;
      log(`Azurite (site settings) on 127.0.0.1:${azurite.port}, data in ${dataDir}`);
    }
    // Validates every app setting now, so a typo fails here with the setting's name.
    const config = loadConfig(env);
    if (config.certificates.source === 'local' && config.certificates.localDir) {
      const certificate = await ensureDevSigningCertificate(
        config.certificates.localDir,
        config.certificates.defaultName,
      );
      if (certificate === 'created')
        log(`Created a development signing certificate in ${config.certificates.localDir}`);
    }
    const table = new SettingsTable(await createSettingsTableClient(config.settings));
    const publicBaseUrl = config.publicBaseUrl?.href ?? `http://localhost:${port}/`;
    if (await seedDemoSiteIfEmpty(table, config.defaultSite, publicBaseUrl)) {
      log(`Seeded site "${config.defaultSite}" with the demo app's settings (client id ${DEMO_CLIENT_ID})`);
    }
    await writeCliEnvironment(settings.dataDir, env);
    resetServices(); // the handlers read the environment completed above
    host = await startDevHost({ port, hostname });
  } catch (error) {
    const message =
      (error as { code?: string }).code === 'EADDRINUSE' ? `port ${port} is in use; set PORT` : undefined;
    console.error(`portal-sts dev host failed to start: ${message ?? (error as Error).message}`);
    await azurite?.stop().catch(() => undefined);
    process.exit(1);
  }

  const base = new URL(env.PUBLIC_BASE_URL ?? host.url);
  const at = (pathAndQuery: string) => new URL(pathAndQuery, base).href;
  log('');
  log(`portal-sts dev host listening on http://${hostname}:${port} (site "${env.DEFAULT_SITE}")`);
  log(`  Demo page:  ${at('/')}`);
  log(`  Sign in:    ${at('/.auth/login/dev?post_login_redirect_uri=/')}`);
  log(`  Token:      ${at(`/_services/auth/token?client_id=${DEMO_CLIENT_ID}`)}`);
  log(`  Public key: ${at('/_services/auth/publickey')}`);
  log(`  OpenID:     ${at(`/${env.DEFAULT_SITE}/.well-known/openid-configuration`)}`);
  log(`  JWKS:       ${at(`/${env.DEFAULT_SITE}/oauth2/v1/keys`)}`);
  log(
    `Admin CLI against this run: set -a; . ${path.join(settings.dataDir, 'dev.env')}; set +a; npx portal-sts sites list`,
  );
  log('Press Ctrl+C to stop.');
}

await main();
