import type { BenchResults } from './results.js';

/** The targets, each with what was measured against it. */
export interface TargetCheck {
  what: string;
  target: string;
  measured: string;
  met: boolean;
}

export const IN_PROCESS_TARGET = 0.85;
export const AUTHORIZE_TARGET = 1.5;
export const LOAD_TARGET_MS = 200;
export const FIRST_TOKEN_TARGET_MS = 150;

export const perThousand = (requests: number, tokens: number) =>
  tokens > 0 ? (requests * 1000) / tokens : Number.NaN;

/** At most one Table read per TTL elapsed (plus the one in flight at the end), and at least one. */
export function refreshMet(refresh: BenchResults['backend']['azurite']['refresh']): boolean {
  const allowed = Math.ceil(refresh.seconds / refresh.ttlSeconds) + 1;
  const visible =
    refresh.changeVisibleAfterMs !== undefined &&
    refresh.changeVisibleAfterMs <= refresh.ttlSeconds * 1000 + 500;
  return refresh.requests >= 1 && refresh.requests <= allowed && visible;
}

export function targetChecks(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const { concurrency, handlerVsJose } of results.inProcess.byConcurrency) {
    checks.push({
      what: `1. handler / raw jose, ${concurrency} in flight`,
      target: `>= ${IN_PROCESS_TARGET}`,
      measured: handlerVsJose.ratio.toFixed(2),
      met: handlerVsJose.ratio >= IN_PROCESS_TARGET,
    });
  }
  const authorize = results.http.authorizeVsOidcProvider;
  checks.push({
    what: '2. authorize / oidc-provider authorize (HTTP)',
    target: `>= ${AUTHORIZE_TARGET}`,
    measured: authorize.ratio.toFixed(2),
    met: authorize.ratio >= AUTHORIZE_TARGET,
  });
  const { azurite, keyVault } = results.backend;
  checks.push({
    what: '3. Azurite requests per 1,000 tokens, steady state',
    target: '0',
    measured: String(perThousand(azurite.steady.requests, azurite.steady.tokens)),
    met: azurite.steady.requests === 0,
  });
  checks.push({
    what: '3. Key Vault requests per 1,000 tokens, steady state',
    target: '0',
    measured: String(perThousand(keyVault.steady.requests, keyVault.steady.tokens)),
    met: keyVault.steady.requests === 0,
  });
  checks.push({
    what: '3. Table reads after a settings change',
    target: 'one per TTL, not one per request',
    measured: `${azurite.refresh.requests} reads, ${azurite.refresh.tokens.toLocaleString('en-US')} tokens, ${azurite.refresh.seconds.toFixed(1)} s, TTL ${azurite.refresh.ttlSeconds} s`,
    met: refreshMet(azurite.refresh),
  });
  for (const variant of results.coldStart.variants) {
    if (variant.backend === 'local') {
      checks.push({
        what: `4. module load, ${variant.build} (median)`,
        target: `< ${LOAD_TARGET_MS} ms`,
        measured: `${variant.load.median.toFixed(0)} ms (p90 ${variant.load.p90.toFixed(0)})`,
        met: variant.load.median < LOAD_TARGET_MS,
      });
    }
    checks.push({
      what: `4. first token after load, ${variant.build}, ${variant.backend === 'local' ? 'Azurite + local folder' : 'Azurite + Key Vault'} (median)`,
      target: `< ${FIRST_TOKEN_TARGET_MS} ms`,
      measured: `${variant.firstToken.median.toFixed(0)} ms (p90 ${variant.firstToken.p90.toFixed(0)})`,
      met: variant.firstToken.median < FIRST_TOKEN_TARGET_MS,
    });
  }
  return checks;
}
