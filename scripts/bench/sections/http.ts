import { isImplicitRedirect, isToken, type LoadResult, runLoad } from '../../lib/http-load.js';
import { AUTHORIZE_QUERY, expectImplicit, withSignedInServers } from '../fixtures/servers.js';
import { CLIENT_ID, SITE_ID } from '../fixtures/site.js';
import { alternate, compare, median } from '../lib/measure.js';
import { type Bench, fixed, int, list, type SectionReport, table, verdict } from '../lib/report.js';

const TARGET = 1.5;
const AUTHORIZE = `/${SITE_ID}/oauth2/v1/auth?${AUTHORIZE_QUERY}`;
const TOKEN = `/_services/auth/token?client_id=${CLIENT_ID}&state=s&nonce=n`;
const IMPLICIT = 'response_type=id_token';
/** The sides, as the report names them, and their requests; portal-sts's are the dev host's. */
const SIDES = {
  'portal-sts GET /_services/auth/token (200, token in the body)': TOKEN,
  [`portal-sts GET /{site}/oauth2/v1/auth, ${IMPLICIT} (302, token in the fragment)`]: AUTHORIZE,
  [`oidc-provider 9.13.3 GET /auth, ${IMPLICIT} (303, token in the fragment)`]: `/auth?${AUTHORIZE_QUERY}`,
};
type Run = LoadResult & { cpuMs: number };

/** 2. Over HTTP (autocannon): the dev host's token and authorize endpoints against oidc-provider's. */
export async function runHttp({ env, quick, signatureMs, log }: Bench): Promise<SectionReport> {
  const budget = { rounds: quick ? 3 : 5, seconds: quick ? 2 : 5 };
  const results = await withSignedInServers(env, async (dev, reference) => {
    await expectImplicit(dev.jar, AUTHORIZE);
    const runs = Object.entries(SIDES).map(([name, path]) => {
      const { server, jar } = name.startsWith('portal-sts') ? dev : reference;
      const isSuccess = path === TOKEN ? isToken : isImplicitRedirect;
      const target = { origin: server.url, path, headers: { cookie: jar.header() }, isSuccess };
      // The server process's CPU time (user + system, all threads) per successful response.
      const run = async (seconds = budget.seconds): Promise<Run> => {
        const before = (await server.probe()).cpu;
        const load = await runLoad({ ...target, connections: 16, seconds });
        const after = (await server.probe()).cpu;
        const cpuMs = (after.user - before.user + after.system - before.system) / 1000;
        return { ...load, cpuMs: load.successes > 0 ? cpuMs / load.successes : Number.NaN };
      };
      return [name, run] as const;
    });
    for (const [, run] of runs) await run(1); // warm-up: JIT and caches on both servers, not recorded
    return alternate(Object.fromEntries(runs), budget.rounds, (round, name, r) =>
      log(
        `  round ${round + 1} ${name.slice(0, 40)}: ${Math.round(r.successesPerSecond)} ok/s, p99 ${r.p99Ms} ms, server CPU ${r.cpuMs.toFixed(3)} ms/response, failures ${r.failures}`,
      ),
    );
  });
  const rate = (runs: Run[]) => runs.map((r) => r.successesPerSecond);
  const cpu = (runs: Run[]) => runs.map((r) => r.cpuMs);
  const rows = Object.entries(results).map(([name, runs]) => {
    const [p50, p99] = [median(runs.map((r) => r.p50Ms)), runs.map((r) => r.p99Ms)];
    const failures = String(runs.reduce((sum, r) => sum + r.failures + r.errors, 0));
    const figures = [fixed(p50, 0), fixed(median(p99), 0), fixed(median(cpu(runs)), 3), failures];
    return [name, int(median(rate(runs))), ...figures, list(rate(runs)), list(p99)];
  });
  const [tokenRuns, ourRuns, theirRuns] = Object.values(results) as [Run[], Run[], Run[]];
  const authorize = compare(rate(ourRuns), rate(theirRuns));
  const token = compare(rate(tokenRuns), rate(theirRuns));
  const cpuRatio = compare(cpu(theirRuns), cpu(ourRuns));
  const met = authorize.ratio >= TARGET;
  const ratios = (c: typeof token) => [fixed(c.ratio), fixed(c.pairedRatio)];
  const ours = median(cpu(ourRuns)) - signatureMs;
  const theirs = median(cpu(theirRuns)) - signatureMs;
  const markdown = `## 2. Over HTTP: the dev host against oidc-provider

autocannon (16 connections, ${budget.seconds} s per side per round, after a 1 s warm-up) in the benchmark's
process; each server in its own process on 127.0.0.1. **portal-sts**: the dev host as \`npm start\` runs
it (the bundled function modules, Azurite, the local certificate folder), signed in through the dev
Easy Auth form. **oidc-provider 9.13.3**, the reference OpenID Provider for Node.js, configured to
match (scripts/bench/oidc-provider-server.ts, \`NODE_ENV=production\`), signed in and consented once.
It has no endpoint like \`/_services/auth/token\` (a token in the body): both of ours are compared
with its authorize. A success is a 302/303 whose Location fragment holds an \`id_token\`, or a 200
whose body is a compact JWS (token endpoint).

${table('endpoint|successes/s (median)|p50 ms|p99 ms|server CPU ms per success|failures|per round /s|p99 per round ms', rows)}

${table('comparison|ratio of medians|median of round ratios|target', [
  ['authorize / oidc-provider authorize', ...ratios(authorize), `>= ${TARGET}: ${verdict(met)}`],
  ['token endpoint / oidc-provider authorize', ...ratios(token), 'none'],
  ['server CPU per success: oidc-provider / our authorize', ...ratios(cpuRatio), 'none (explains the rate)'],
])}

"Server CPU" is the server process's \`process.cpuUsage()\` (all threads) over a round, per success.
autocannon shares the two vCPUs, which narrows the rate ratio towards 1 when the CPU is saturated.

Both servers compute the same RS256 2048 signature per response, ${fixed(signatureMs, 3)} ms of CPU here (the
synchronous signer in the event-loop section). Without it, the server's own work per response is
${fixed(ours, 3)} ms for our authorize (dev host included) and ${fixed(theirs, 3)} ms for oidc-provider: ${fixed(theirs / ours)} times. A
${TARGET} times rate would need our own work at most ${fixed(median(cpu(theirRuns)) / TARGET - signatureMs, 3)} ms. That work is the dev host's
(dev/dispatch.ts, dev/invoke.ts, the session cookie's HMAC; in Azure, the Functions host's) and the
authorize steps' (shared/oidc/authorize/), spread thinly in the profile.
`;
  return {
    markdown,
    targets: [['2. authorize / oidc-provider authorize (HTTP)', `>= ${TARGET}`, fixed(authorize.ratio), met]],
  };
}
