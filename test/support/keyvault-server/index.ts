import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeyVaultTestServer } from './vault-server.js';

export { KeyVaultTestServer } from './vault-server.js';

/** Files and env the global setup (test/support/keyvault-setup.ts) shares with the test processes. */
export const TLS_FILES = { ca: 'ca.pem', cert: 'server-cert.pem', key: 'server-key.pem' } as const;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: is test/support/keyvault-setup.ts in vitest's globalSetup?`);
  return value;
}

/**
 * A vault of this test's own, in this test process: its contents, request counts and outages
 * are the test's alone. It is reached through the run's proxy and identity endpoint like the
 * shared vault at KEYVAULT_TEST_URL. Stop it in afterAll.
 */
export function startTestVault(name = `t${randomBytes(4).toString('hex')}`): Promise<KeyVaultTestServer> {
  const dir = requiredEnv('KEYVAULT_TEST_TLS_DIR');
  return KeyVaultTestServer.start({
    name,
    tls: {
      certPem: readFileSync(join(dir, TLS_FILES.cert), 'utf8'),
      keyPem: readFileSync(join(dir, TLS_FILES.key), 'utf8'),
    },
    tokenKey: requiredEnv('KEYVAULT_TEST_TOKEN_KEY'),
  });
}
