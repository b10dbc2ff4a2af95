import path from 'node:path';

/**
 * `npm start`'s defaults. Each is used only when the environment does not set it, so any app
 * setting (or another data folder, port, site) can be tried without editing files.
 */
export interface StartSettings {
  port: number;
  dataDir: string;
  /** True when the settings table is ours to run (no SITE_SETTINGS_CONNECTION_STRING given). */
  runAzurite: boolean;
}

type Env = Record<string, string | undefined>;

function setDefault(env: Env, name: string, value: string): void {
  if (env[name] === undefined || env[name]?.trim() === '') env[name] = value;
}

/** Fills in the defaults that do not depend on the port; returns what the launcher needs. */
export function applyStartDefaults(env: Env, cwd: string): StartSettings {
  const port = Number(env.PORT?.trim() || 7071);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('PORT must be a TCP port number (0 = any free port)');
  const dataDir = path.resolve(cwd, env.DATA_DIR?.trim() || '.data');
  const runAzurite = !env.SITE_SETTINGS_CONNECTION_STRING?.trim() && !env.SITE_SETTINGS_TABLE_URL?.trim();
  setDefault(env, 'DEFAULT_SITE', 'contoso');
  setDefault(env, 'CERTIFICATE_SOURCE', 'local');
  setDefault(env, 'LOCAL_CERTIFICATES_DIR', path.join(dataDir, 'certificates'));
  setDefault(env, 'DEFAULT_CERTIFICATE_NAME', 'portal-sts-signing');
  return { port, dataDir, runAzurite };
}

/** The defaults that need the port the host actually listens on. */
export function applyPortDefaults(env: Env, port: number): void {
  setDefault(env, 'PUBLIC_BASE_URL', `http://localhost:${port}`);
}
