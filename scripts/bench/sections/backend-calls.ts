import { SETTING } from '../../../shared/settings/setting-names.js';
import { startBenchVault } from '../fixtures/keyvault.js';
import { respond, SITE_ID, TOKEN_LIFETIME, useServiceEnv } from '../fixtures/site.js';
import { boundedLoop } from '../lib/measure.js';
import { type Bench, fixed, int, type SectionReport, table, verdict } from '../lib/report.js';
import { buildFreshProcess, runFreshProcess } from './cold-start.js';

const routes = (byRoute: Record<string, number>) =>
  Object.entries(byRoute)
    .map(([route, count]) => `${route}: ${count}`)
    .join('; ') || 'none';
const perThousand = (requests: number, tokens: number) =>
  tokens > 0 ? (requests * 1000) / tokens : Number.NaN;

/** Key Vault calls of a fresh instance (first token, then steady state), counted by the vault test server. */
async function keyVaultCounts(b: Bench, tokens: number) {
  const bench = await startBenchVault(b.rsa2048);
  let identity = bench.identity.requestCount();
  const count = () => {
    const counts = { requests: bench.vault.requestCount(), byRoute: bench.vault.requests() };
    const since = bench.identity.requestCount() - identity;
    identity += since;
    bench.vault.resetRequestCounts();
    return { ...counts, identity: since };
  };
  let first = count(); // replaced between the first token and the steady ones
  const env = { ...process.env, ...b.env, ...bench.childEnv };
  const steady = {
    tokens,
    between: () => {
      first = count();
    },
  };
  const script = await buildFreshProcess();
  const run = await runFreshProcess(script, b.builds.bundled, env, steady).finally(() => bench.stop());
  return { run, first, steady: count() };
}

/** 3. Backend calls per 1,000 tokens at steady state, and Table reads after a settings change. */
export async function runBackendCalls(b: Bench): Promise<SectionReport> {
  const { tokenHandler: handler, azurite, settings: table_, env } = b;
  const budget = { steadyTokens: 1000, refreshTtls: b.quick ? 3 : 5 };
  const counted = { ...env, SITE_SETTINGS_CONNECTION_STRING: azurite.countedConnectionString };
  useServiceEnv({ ...counted, SITE_SETTINGS_TTL_SECONDS: '30' });
  const first = await azurite.during(() => respond(handler));
  let steadyTokens = 0;
  const limits = { maxOps: budget.steadyTokens, maxMs: 60_000, concurrency: 8 };
  const { count: steady } = await azurite.during(async () => {
    steadyTokens = (await boundedLoop(() => respond(handler), limits)).ops;
  });

  const [ttl, changed] = [1, 600];
  useServiceEnv({ ...counted, SITE_SETTINGS_TTL_SECONDS: String(ttl) });
  await respond(handler); // warm: the site is cached from here on
  let visibleAfter: number | undefined;
  let refresh = { ops: 0, ms: 0 };
  const { count: reads } = await azurite.during(async () => {
    const changedAt = performance.now();
    await table_.write(SITE_ID, SETTING.tokenExpirationTime, String(changed)); // direct, not counted
    const issue = async () => {
      const response = await respond(handler);
      const lifetime = new Headers(response.headers as Record<string, string>).get('expires_in');
      if (visibleAfter === undefined && lifetime === String(changed))
        visibleAfter = performance.now() - changedAt;
    };
    const limits = { maxOps: 1_000_000, maxMs: ttl * budget.refreshTtls * 1000, concurrency: 16 };
    refresh = await boundedLoop(issue, limits).finally(() =>
      table_.write(SITE_ID, SETTING.tokenExpirationTime, String(TOKEN_LIFETIME)),
    );
  });
  const seconds = refresh.ms / 1000;
  // At most one Table read per TTL elapsed (plus the one in flight at the end), at least one, and the change seen.
  const seen = visibleAfter !== undefined && visibleAfter <= ttl * 1000 + 500;
  const refreshMet = reads >= 1 && reads <= Math.ceil(seconds / ttl) + 1 && seen;
  const refreshed = `${reads} reads, ${int(refresh.ops)} tokens, ${fixed(seconds, 1)} s, TTL ${ttl} s`;
  useServiceEnv(env);

  const kv = await keyVaultCounts(b, budget.steadyTokens);
  const kvTokens = kv.run.steadyTokens ?? 0;
  const vaultSteady = kv.steady.requests;
  const azuritePer1000 = perThousand(steady, steadyTokens);
  const vaultPer1000 = perThousand(vaultSteady, kvTokens);
  const visible = visibleAfter === undefined ? 'never' : `${fixed(visibleAfter, 0)} ms`;
  const markdown = `## 3. Backend calls

Azurite's requests are counted at the wire by a proxy that the connection string names; Key Vault's
by the Key Vault test server, from a fresh \`node\` process (the bundle, as in section 4: the test CA is
read at process start only). 8 tokens in flight.

${table('backend|first token (empty caches)|tokens at steady state|requests|per 1,000 tokens|target 0', [
  `| Azurite (site settings, TTL 30 s) | ${first.count} (${routes(first.byRoute)}) | ${int(steadyTokens)} | ${steady} | ${azuritePer1000} | ${verdict(steady === 0)} |`,
  `| Key Vault (default certificate) | ${kv.first.requests} (${routes(kv.first.byRoute)}), identity endpoint ${kv.first.identity}; ${fixed(kv.run.firstTokenMs, 0)} ms after load (cold start: section 4) | ${int(kvTokens)} | ${vaultSteady} (identity endpoint ${kv.steady.identity}) | ${vaultPer1000} | ${verdict(vaultSteady === 0)} |`,
])}

The two "401 challenge" requests are each SDK client's first call; later an instance calls Key Vault
once per 10 minutes, to re-check the default certificate (shared/certs/caching-certificate-store.ts).

**After a settings change.** With SITE_SETTINGS_TTL_SECONDS=${ttl}, a site's token lifetime is changed in
the table (directly, not counted) while tokens are issued, 16 at a time, for ${fixed(seconds, 1)} s:

${table('tokens issued|Table reads|reads per TTL elapsed|change visible after|target', [
  `| ${int(refresh.ops)} | ${reads} | ${fixed(reads / (seconds / ttl))} | ${visible} | one per TTL per instance, not one per request: ${verdict(refreshMet)} |`,
])}

Concurrent requests that find the entry stale share one read (shared/settings/site-settings-cache.ts),
so the count follows the clock, not the request rate; N instances make N reads per TTL.
`;
  return {
    markdown,
    targets: [
      ['3. Azurite requests per 1,000 tokens, steady state', '0', String(azuritePer1000), steady === 0],
      ['3. Key Vault requests per 1,000 tokens, steady state', '0', String(vaultPer1000), vaultSteady === 0],
      ['3. Table reads after a settings change', 'one per TTL, not one per request', refreshed, refreshMet],
    ],
  };
}
