import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startConnectProxy } from './keyvault-server/connect-proxy.js';
import { startIdentityEndpoint } from './keyvault-server/identity-endpoint.js';
import { TLS_FILES } from './keyvault-server/index.js';
import { createTestTls } from './keyvault-server/tls.js';
import { KeyVaultTestServer } from './keyvault-server/vault-server.js';

/**
 * Starts the Key Vault test double for the run: a CONNECT proxy for *.vault.localhost, an App
 * Service managed-identity endpoint, and a shared vault. The test processes are forked after
 * this runs and inherit the environment set here, which is how the real SDK and
 * DefaultAzureCredential find them:
 *   NODE_EXTRA_CA_CERTS      the throwaway CA (Node reads it only at process start)
 *   HTTPS_PROXY, NO_PROXY    vault names go through the proxy; loopback (identity, Azurite) does not
 *   IDENTITY_ENDPOINT, IDENTITY_HEADER   ManagedIdentityCredential (App Service protocol)
 *   KEYVAULT_TEST_URL        the shared vault (admin routes under /_test/)
 *   KEYVAULT_TEST_TLS_DIR, KEYVAULT_TEST_TOKEN_KEY   for startTestVault() in a test process
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const tls = createTestTls();
  const dir = await mkdtemp(join(tmpdir(), 'portal-sts-keyvault-'));
  await writeFile(join(dir, TLS_FILES.ca), tls.caPem);
  await writeFile(join(dir, TLS_FILES.cert), tls.certPem);
  await writeFile(join(dir, TLS_FILES.key), tls.keyPem, { mode: 0o600 });

  const tokenKey = randomBytes(32).toString('hex');
  const identityHeader = randomUUID();
  const proxy = await startConnectProxy();
  const identity = await startIdentityEndpoint({ identityHeader, tokenKey });
  const vault = await KeyVaultTestServer.start({ name: 'shared', tls, tokenKey });

  Object.assign(process.env, {
    NODE_EXTRA_CA_CERTS: join(dir, TLS_FILES.ca),
    HTTPS_PROXY: proxy.url,
    NO_PROXY: '127.0.0.1,localhost,::1',
    IDENTITY_ENDPOINT: identity.url,
    IDENTITY_HEADER: identityHeader,
    KEYVAULT_TEST_URL: vault.url,
    KEYVAULT_TEST_TLS_DIR: dir,
    KEYVAULT_TEST_TOKEN_KEY: tokenKey,
  });
  project.provide('keyVaultTestUrl', vault.url);

  return async () => {
    await vault.stop();
    await identity.stop();
    await proxy.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    keyVaultTestUrl: string;
  }
}
