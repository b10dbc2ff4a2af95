import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  isImplicitRedirect,
  isToken,
  type LoadLimits,
  type LoadResult,
  type LoadTarget,
  runLoad,
} from '../http/load.js';
import { isReady } from '../http/messages.js';
import {
  DEV_AUTHORIZE_PATH,
  DEV_TOKEN_PATH,
  devHostSession,
  OIDC_PROVIDER_AUTHORIZE_PATH,
  oidcProviderSession,
} from '../http/sign-in.js';
import { forkTs, nextMessage, stopChild } from '../lib/children.js';
import { runStep } from '../lib/ipc.js';
import { alternate } from '../lib/rounds.js';
import { median } from '../lib/stats.js';
import type { Budget } from '../options.js';
import { type Comparison, compare } from './comparison.js';

export interface HttpRound extends LoadResult {
  /** The server process's CPU time (user + system, all threads) per successful response. */
  cpuMsPerSuccess: number;
}

export interface HttpSide {
  name: string;
  description: string;
  rounds: HttpRound[];
  medianCpuMsPerSuccess: number;
  medianSuccessesPerSecond: number;
  medianP50Ms: number;
  medianP99Ms: number;
  failures: number;
}

export interface HttpResult {
  connections: number;
  seconds: number;
  sides: HttpSide[];
  /** Our authorize against oidc-provider's, successes per second. */
  authorizeVsOidcProvider: Comparison;
  /** Our token endpoint against oidc-provider's authorize (its nearest equivalent). */
  tokenVsOidcProvider: Comparison;
  /** oidc-provider's CPU time per response over ours (authorize): the servers' own costs. */
  cpuOidcProviderVsAuthorize: Comparison;
}

/** One autocannon run with the server's CPU time read before and after it. */
async function measuredRun(target: LoadTarget, server: ChildProcess, limits: LoadLimits): Promise<HttpRound> {
  const before = await runStep<NodeJS.CpuUsage>(server, 'cpu');
  const load = await runLoad(target, limits);
  const after = await runStep<NodeJS.CpuUsage>(server, 'cpu');
  const cpuMs = (after.user - before.user + after.system - before.system) / 1000;
  return { ...load, cpuMsPerSuccess: load.successes > 0 ? cpuMs / load.successes : Number.NaN };
}

const script = (name: string) => fileURLToPath(new URL(`../http/${name}`, import.meta.url));

/**
 * 2. Over HTTP with autocannon: the dev host's token and authorize endpoints, signed in with the
 * dev sign-in cookie, and oidc-provider's authorize endpoint, signed in through its interaction.
 * Each server runs in its own process; the three sides alternate round by round.
 */
export async function runHttp(
  serviceEnv: Record<string, string>,
  budget: Budget,
  log: (line: string) => void,
): Promise<HttpResult> {
  const devHost = forkTs(script('dev-host-child.ts'), { ...process.env, ...serviceEnv });
  const reference = forkTs(script('oidc-provider-child.ts'), { ...process.env, NODE_ENV: 'production' });
  try {
    const [dev, ref] = await Promise.all([
      nextMessage(devHost, isReady, 60_000),
      nextMessage(reference, isReady, 60_000),
    ]);
    const devCookie = await devHostSession(dev.url);
    const refCookie = await oidcProviderSession(ref.url);
    const targets: Array<{ name: string; description: string; target: LoadTarget; server: ChildProcess }> = [
      {
        name: 'token',
        description: 'portal-sts GET /_services/auth/token (200, token in the body)',
        target: { origin: dev.url, path: DEV_TOKEN_PATH, headers: { cookie: devCookie }, isSuccess: isToken },
        server: devHost,
      },
      {
        name: 'authorize',
        description:
          'portal-sts GET /{tenant}/oauth2/v1/auth, response_type=id_token (302, token in the fragment)',
        target: {
          origin: dev.url,
          path: DEV_AUTHORIZE_PATH,
          headers: { cookie: devCookie },
          isSuccess: isImplicitRedirect,
        },
        server: devHost,
      },
      {
        name: 'oidc-provider',
        description: 'oidc-provider 9.13.3 GET /auth, response_type=id_token (303, token in the fragment)',
        target: {
          origin: ref.url,
          path: OIDC_PROVIDER_AUTHORIZE_PATH,
          headers: { cookie: refCookie },
          isSuccess: isImplicitRedirect,
        },
        server: reference,
      },
    ];
    const limits = { seconds: budget.httpSeconds, connections: budget.httpConnections };
    // Warm-up: JIT and caches on both servers, not recorded.
    for (const { target } of targets) await runLoad(target, { ...limits, seconds: 1 });
    const results = await alternate(
      targets.map(({ name, target, server }) => ({ name, run: () => measuredRun(target, server, limits) })),
      budget.httpRounds,
      (round, name, value) =>
        log(
          `  round ${round + 1} ${name}: ${Math.round(value.successesPerSecond)} ok/s, p50 ${value.p50Ms} ms, p99 ${value.p99Ms} ms, server CPU ${value.cpuMsPerSuccess.toFixed(3)} ms/response, failures ${value.failures}`,
        ),
    );
    const sides = targets.map(({ name, description }): HttpSide => {
      const rounds = results.get(name) ?? [];
      return {
        name,
        description,
        rounds,
        medianSuccessesPerSecond: median(rounds.map((round) => round.successesPerSecond)),
        medianP50Ms: median(rounds.map((round) => round.p50Ms)),
        medianP99Ms: median(rounds.map((round) => round.p99Ms)),
        medianCpuMsPerSuccess: median(rounds.map((round) => round.cpuMsPerSuccess)),
        failures: rounds.reduce((sum, round) => sum + round.failures + round.errors, 0),
      };
    });
    const rate = (name: string) => (results.get(name) ?? []).map((round) => round.successesPerSecond);
    const cpu = (name: string) => (results.get(name) ?? []).map((round) => round.cpuMsPerSuccess);
    return {
      connections: limits.connections,
      seconds: limits.seconds,
      sides,
      authorizeVsOidcProvider: compare(rate('authorize'), rate('oidc-provider')),
      tokenVsOidcProvider: compare(rate('token'), rate('oidc-provider')),
      cpuOidcProviderVsAuthorize: compare(cpu('oidc-provider'), cpu('authorize')),
    };
  } finally {
    await Promise.all([stopChild(devHost), stopChild(reference)]);
  }
}
