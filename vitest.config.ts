import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real backends, started once for the run: Azurite's Table service and the Key Vault test server.
    globalSetup: ['test/support/azurite-setup.ts', 'test/support/keyvault-setup.ts'],
    setupFiles: ['test/support/functions-core-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    restoreMocks: true,
    unstubEnvs: true,
  },
});
