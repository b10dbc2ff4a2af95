import { fixed, int, table, verdict } from '../lib/format.js';
import type { BackendResult } from '../sections/backend-calls.js';
import { perThousand, refreshMet } from './targets.js';

const routes = (byRoute: Record<string, number>) =>
  Object.entries(byRoute)
    .map(([route, count]) => `${route}: ${count}`)
    .join('; ') || 'none';

export function renderBackend(result: BackendResult): string {
  const { azurite, keyVault } = result;
  const { refresh } = azurite;
  return `## 3. Backend calls

Azurite's requests are counted at the wire by a counting HTTP proxy in front of it: the service's
connection string names the proxy. Key Vault's are counted by the Key Vault test server itself
(test/support/keyvault-server), reached as in the tests through its CONNECT proxy with the App
Service managed identity endpoint; that instance runs in a child process because
NODE_EXTRA_CA_CERTS (the test CA) is only read at process start. Tokens are issued 8 at a time.

${table(
  [
    'backend',
    'first token (empty caches)',
    'tokens at steady state',
    'requests',
    'per 1,000 tokens',
    'target 0',
  ],
  [
    [
      'Azurite (site settings, TTL 30 s)',
      `${azurite.firstToken.requests} (${routes(azurite.firstToken.byRoute)})`,
      int(azurite.steady.tokens),
      String(azurite.steady.requests),
      String(perThousand(azurite.steady.requests, azurite.steady.tokens)),
      verdict(azurite.steady.requests === 0),
    ],
    [
      'Key Vault (default certificate)',
      `${keyVault.firstToken.requests} (${routes(keyVault.firstToken.byRoute)}), identity endpoint ${keyVault.firstToken.identityRequests}; ${fixed(keyVault.firstToken.ms, 0)} ms under tsx (cold start: section 4)`,
      int(keyVault.steady.tokens),
      `${keyVault.steady.requests} (identity endpoint ${keyVault.steady.identityRequests})`,
      String(perThousand(keyVault.steady.requests, keyVault.steady.tokens)),
      verdict(keyVault.steady.requests === 0),
    ],
  ],
)}

The two "401 challenge" requests are the first, unauthenticated call of each SDK client
(certificates, secrets); the SDK answers the challenge with the token it gets from the identity
endpoint, once. Later, a steady-state
instance calls Key Vault once per 10 minutes, to re-check which certificate is the default
(shared/certs/caching-certificate-store.ts), and reads a site's settings once per TTL.

**After a settings change.** With SITE_SETTINGS_TTL_SECONDS=${refresh.ttlSeconds} (short, so the run is short), a
site's token lifetime is changed in the table (directly, not counted) while tokens are issued
without pause, ${refresh.concurrency} at a time, for ${fixed(refresh.seconds, 1)} s:

| tokens issued | Table reads | reads per TTL elapsed | change visible after | target |
| --- | --- | --- | --- | --- |
| ${int(refresh.tokens)} | ${refresh.requests} | ${fixed(refresh.refreshesPerTtl)} | ${refresh.changeVisibleAfterMs === undefined ? 'never' : `${fixed(refresh.changeVisibleAfterMs, 0)} ms`} | one per TTL per instance, not one per request: ${verdict(refreshMet(refresh))} |

Concurrent requests that find the entry stale share one read (shared/settings/site-settings-cache.ts),
so the count follows the clock, not the request rate. Each instance of a scaled-out app reads on its
own clock: N instances make N reads per TTL.
`;
}
