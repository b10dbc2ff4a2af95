import { fileURLToPath } from 'node:url';
import type { HttpHandler, HttpResponseInit } from '@azure/functions';
import { SETTING } from '../../../shared/settings/setting-names.js';
import type { SettingsTable } from '../../../shared/settings/settings-table.js';
import type { BenchAzurite } from '../fixtures/azurite.js';
import type { BenchCertificate } from '../fixtures/certificates.js';
import { startBenchVault } from '../fixtures/keyvault.js';
import { quietInvocation, tokenRequest } from '../fixtures/requests.js';
import { SITE_ID, TOKEN_LIFETIME, useServiceEnv } from '../fixtures/site.js';
import { isReady } from '../http/messages.js';
import { boundedLoop } from '../lib/bounded-loop.js';
import { forkTs, nextMessage, stopChild } from '../lib/children.js';
import { runStep } from '../lib/ipc.js';
import type { Budget } from '../options.js';

export interface SteadyCount {
  tokens: number;
  requests: number;
  byRoute: Record<string, number>;
}

export interface RefreshResult {
  ttlSeconds: number;
  seconds: number;
  tokens: number;
  /** Table requests while tokens were issued continuously after the change. */
  requests: number;
  /** requests / (seconds / TTL): 1 means one refresh per TTL. */
  refreshesPerTtl: number;
  /** From the write to the first token carrying the new lifetime. */
  changeVisibleAfterMs: number | undefined;
  concurrency: number;
}

export interface BackendResult {
  azurite: { firstToken: SteadyCount; steady: SteadyCount; refresh: RefreshResult };
  keyVault: {
    firstToken: SteadyCount & { identityRequests: number; ms: number };
    steady: SteadyCount & { identityRequests: number };
  };
}

const CHANGED_LIFETIME = 600;

async function respond(handler: HttpHandler): Promise<HttpResponseInit> {
  const response = (await handler(tokenRequest(), quietInvocation())) as HttpResponseInit;
  if (response.status !== 200) throw new Error(`token handler answered ${response.status}`);
  return response;
}

/** Table calls at steady state with the default TTL, counted at the proxy in front of Azurite. */
async function azuriteCounts(
  handler: HttpHandler,
  azurite: BenchAzurite,
  env: Record<string, string>,
  budget: Budget,
) {
  useServiceEnv({ ...env, SITE_SETTINGS_TTL_SECONDS: '30' });
  azurite.proxy.reset();
  await respond(handler);
  const firstToken = { tokens: 1, requests: azurite.proxy.count(), byRoute: azurite.proxy.byRoute() };
  azurite.proxy.reset();
  const run = await boundedLoop(() => respond(handler), {
    maxOps: budget.steadyTokens,
    maxMs: 60_000,
    concurrency: 8,
  });
  const steady = { tokens: run.ops, requests: azurite.proxy.count(), byRoute: azurite.proxy.byRoute() };
  return { firstToken, steady };
}

/**
 * After a settings change: tokens issued without pause for a few TTLs (short TTL, so the run is
 * short) must cost one Table read per TTL, however many requests arrive while it is stale.
 */
async function refreshCounts(
  handler: HttpHandler,
  azurite: BenchAzurite,
  table: SettingsTable,
  env: Record<string, string>,
  budget: Budget,
): Promise<RefreshResult> {
  const ttlSeconds = budget.refreshTtlSeconds;
  useServiceEnv({ ...env, SITE_SETTINGS_TTL_SECONDS: String(ttlSeconds) });
  await respond(handler); // warm: the site is cached from here on
  const concurrency = 16;
  try {
    azurite.proxy.reset();
    const changedAt = performance.now();
    await table.write(SITE_ID, SETTING.tokenExpirationTime, String(CHANGED_LIFETIME)); // direct, not counted
    let visibleAt: number | undefined;
    const run = await boundedLoop(
      async () => {
        const response = await respond(handler);
        const lifetime = new Headers(response.headers as ConstructorParameters<typeof Headers>[0]).get(
          'expires_in',
        );
        if (visibleAt === undefined && lifetime === String(CHANGED_LIFETIME)) visibleAt = performance.now();
      },
      { maxOps: 1_000_000, maxMs: ttlSeconds * budget.refreshTtls * 1000, concurrency },
    );
    const requests = azurite.proxy.count();
    const seconds = run.ms / 1000;
    return {
      ttlSeconds,
      seconds,
      tokens: run.ops,
      requests,
      refreshesPerTtl: requests / (seconds / ttlSeconds),
      changeVisibleAfterMs: visibleAt === undefined ? undefined : visibleAt - changedAt,
      concurrency,
    };
  } finally {
    await table.write(SITE_ID, SETTING.tokenExpirationTime, String(TOKEN_LIFETIME));
  }
}

/** Key Vault calls of an instance in a child process, counted by the vault test server itself. */
async function keyVaultCounts(certificate: BenchCertificate, env: Record<string, string>, budget: Budget) {
  const bench = await startBenchVault(certificate);
  const script = fileURLToPath(new URL('../backend/keyvault-child.ts', import.meta.url));
  const child = forkTs(script, {
    ...process.env,
    ...env,
    ...bench.childEnv,
    BENCH_STEADY_TOKENS: String(budget.steadyTokens),
  });
  try {
    await nextMessage(child, isReady, 60_000);
    const snapshot = () => ({
      requests: bench.vault.requestCount(),
      byRoute: bench.vault.requests(),
      identityRequests: bench.identity.requestCount(),
    });
    bench.vault.resetRequestCounts();
    const identityBefore = bench.identity.requestCount();
    const first = await runStep<{ ms: number }>(child, 'first');
    const afterFirst = snapshot();
    bench.vault.resetRequestCounts();
    const steadyRun = await runStep<{ tokens: number }>(child, 'steady');
    const afterSteady = snapshot();
    return {
      firstToken: {
        tokens: 1,
        ms: first.ms,
        requests: afterFirst.requests,
        byRoute: afterFirst.byRoute,
        identityRequests: afterFirst.identityRequests - identityBefore,
      },
      steady: {
        tokens: steadyRun.tokens,
        requests: afterSteady.requests,
        byRoute: afterSteady.byRoute,
        identityRequests: afterSteady.identityRequests - afterFirst.identityRequests,
      },
    };
  } finally {
    await stopChild(child);
    await bench.stop();
  }
}

/** 3. Backend calls per 1,000 tokens at steady state (Azurite, Key Vault), and refreshes after a change. */
export async function runBackendCalls(
  handler: HttpHandler,
  azurite: BenchAzurite,
  table: SettingsTable,
  certificate: BenchCertificate,
  env: Record<string, string>,
  budget: Budget,
): Promise<BackendResult> {
  const counted = { ...env, SITE_SETTINGS_CONNECTION_STRING: azurite.countedConnectionString };
  const { firstToken, steady } = await azuriteCounts(handler, azurite, counted, budget);
  const refresh = await refreshCounts(handler, azurite, table, counted, budget);
  useServiceEnv(env);
  const keyVault = await keyVaultCounts(certificate, env, budget);
  return { azurite: { firstToken, steady, refresh }, keyVault };
}
