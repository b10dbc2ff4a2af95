import { fileURLToPath } from 'node:url';
import { CookieJar, devSignIn } from '../../lib/dev-sign-in.js';
import { isImplicitRedirect, isToken, type LoadTarget, runLoad } from '../../lib/http-load.js';
import { type ServerProcess, startDevHostProcess, startServerProcess } from '../../lib/server-process.js';
import { CLIENT_ID, REDIRECT_URI, SITE_ID } from '../fixtures/site.js';
import { fixed, int, list, type SectionReport, table, verdict } from '../lib/format.js';
import { alternate, compare, median } from '../lib/measure.js';

const TARGET = 1.5;
/** The implicit request both providers are measured on: an ID token with scope openid, a nonce and a state. */
const AUTHORIZE_QUERY = new URLSearchParams({
  response_type: 'id_token',
  client_id: CLIENT_ID,
  redirect_uri: REDIRECT_URI,
  scope: 'openid',
  nonce: 'bench-nonce-0001',
  state: 'bench-state-0001',
}).toString();

/** A signed-in browser's authorize request must answer with a token at once, before load is sent. */
async function expectImplicit(jar: CookieJar, path: string): Promise<void> {
  const response = await jar.fetch(path);
  if (!isImplicitRedirect(response.status, Object.fromEntries(response.headers)))
    throw new Error(`${jar.origin}: expected a redirect with an ID token, got ${response.status}`);
}

/** oidc-provider's login once: /auth, its interaction (answered with a login and grant), /auth again. */
export async function oidcProviderSession(origin: string): Promise<CookieJar> {
  const jar = new CookieJar(origin);
  const toInteraction = (await jar.fetch(`/auth?${AUTHORIZE_QUERY}`)).headers.get('location') ?? '';
  const resume = (await jar.fetch(toInteraction)).headers.get('location') ?? '';
  await expectImplicit(jar, resume);
  await expectImplicit(jar, `/auth?${AUTHORIZE_QUERY}`);
  return jar;
}

/**
 * 2. Over HTTP with autocannon: the dev host's token and authorize endpoints, signed in with the dev
 * sign-in cookie, and oidc-provider's authorize endpoint, signed in through its interaction. Each
 * server runs in its own process; the three sides alternate round by round.
 */
export async function runHttp(
  serviceEnv: Record<string, string>,
  budget: { rounds: number; seconds: number },
  signatureMs: number,
  log: (line: string) => void,
): Promise<SectionReport> {
  // The issuer is the dev host itself, as with `npm start`.
  const { PUBLIC_BASE_URL: _issuer, ...env } = serviceEnv;
  const reference = fileURLToPath(new URL('../oidc-provider-server.ts', import.meta.url));
  const servers: ServerProcess[] = [];
  try {
    const dev = await startDevHostProcess(env);
    servers.push(dev);
    const ref = await startServerProcess(['--import', 'tsx', reference], {
      ...process.env,
      NODE_ENV: 'production',
    });
    servers.push(ref);
    const devJar = await devSignIn(dev.url);
    await expectImplicit(devJar, `/${SITE_ID}/oauth2/v1/auth?${AUTHORIZE_QUERY}`);
    const refCookie = (await oidcProviderSession(ref.url)).header();
    const side = (server: ServerProcess, path: string, cookie: string, isSuccess: LoadTarget['isSuccess']) =>
      [
        server,
        {
          connections: 16,
          seconds: budget.seconds,
          origin: server.url,
          path,
          headers: { cookie },
          isSuccess,
        },
      ] as const;
    const sides = {
      'portal-sts GET /_services/auth/token (200, token in the body)': side(
        dev,
        `/_services/auth/token?client_id=${CLIENT_ID}&state=s&nonce=n`,
        devJar.header(),
        isToken,
      ),
      'portal-sts GET /{site}/oauth2/v1/auth, response_type=id_token (302, token in the fragment)': side(
        dev,
        `/${SITE_ID}/oauth2/v1/auth?${AUTHORIZE_QUERY}`,
        devJar.header(),
        isImplicitRedirect,
      ),
      'oidc-provider 9.13.3 GET /auth, response_type=id_token (303, token in the fragment)': side(
        ref,
        `/auth?${AUTHORIZE_QUERY}`,
        refCookie,
        isImplicitRedirect,
      ),
    };
    // Warm-up: JIT and caches on both servers, not recorded.
    for (const [, target] of Object.values(sides)) await runLoad({ ...target, seconds: 1 });
    const runs = Object.fromEntries(
      Object.entries(sides).map(([name, [server, target]]) => [
        name,
        async () => {
          // The server process's CPU time (user + system, all threads) per successful response.
          const before = (await server.probe()).cpu;
          const load = await runLoad(target);
          const after = (await server.probe()).cpu;
          const cpuMs = (after.user - before.user + after.system - before.system) / 1000;
          return { ...load, cpuMs: load.successes > 0 ? cpuMs / load.successes : Number.NaN };
        },
      ]),
    );
    const results = await alternate(runs, budget.rounds, (round, name, r) =>
      log(
        `  round ${round + 1} ${name.slice(0, 40)}: ${Math.round(r.successesPerSecond)} ok/s, p99 ${r.p99Ms} ms, server CPU ${r.cpuMs.toFixed(3)} ms/response, failures ${r.failures}`,
      ),
    );
    const of = (i: number) => Object.values(results)[i] ?? [];
    const rate = (i: number) => of(i).map((r) => r.successesPerSecond);
    const cpu = (i: number) => of(i).map((r) => r.cpuMs);
    const rows = Object.keys(sides).map((name, i) => {
      const [p50, p99] = [
        fixed(median(of(i).map((r) => r.p50Ms)), 0),
        fixed(median(of(i).map((r) => r.p99Ms)), 0),
      ];
      const failures = of(i).reduce((sum, r) => sum + r.failures + r.errors, 0);
      return `| ${name} | ${int(median(rate(i)))} | ${p50} | ${p99} | ${fixed(median(cpu(i)), 3)} | ${failures} | ${list(rate(i))} | ${list(of(i).map((r) => r.p99Ms))} |`;
    });
    const [authorize, token, cpuRatio] = [
      compare(rate(1), rate(2)),
      compare(rate(0), rate(2)),
      compare(cpu(2), cpu(1)),
    ];
    const ours = median(cpu(1)) - signatureMs;
    const theirs = median(cpu(2)) - signatureMs;
    const markdown = `## 2. Over HTTP: the dev host against oidc-provider

autocannon (programmatic API, 16 connections, ${budget.seconds} s per side per round,
a request cap as well) on 127.0.0.1. Each server runs in its own process; autocannon runs in the
benchmark's process. The sides alternate round by round after a 1 s warm-up each.

- **portal-sts**: the dev host as \`npm start\` runs it (\`node dist/dev/start.js\`, serving the bundled
  function modules), against Azurite and the local certificate folder, signed in through the dev
  Easy Auth form (its session cookie on every request). Its request log goes to /dev/null.
- **oidc-provider 9.13.3**, the reference OpenID Provider for Node.js, configured to match: one
  client \`demo-app\` (implicit, \`response_types: ['id_token']\`, the same https redirect URI),
  an RS256 key of 2048 bits, \`findAccount\` answering the same user, its default in-memory adapter,
  \`NODE_ENV=production\`. Its login and consent interaction is driven once with a cookie jar (the
  interaction route answers with a login and a Grant); afterwards its session cookies make \`/auth\`
  answer with a token at once.
- oidc-provider has no endpoint like \`/_services/auth/token\` (a token for the signed-in browser, in
  the body). Its nearest equivalent is the same thing its authorize endpoint does with
  \`response_type=id_token\`, so both of our endpoints are compared with its authorize endpoint.

A success is counted only when the response is one: for authorize a 302 (ours) or 303
(oidc-provider) whose Location fragment holds an \`id_token\`; for the token endpoint a 200 whose
body is a compact JWS. Rates below are successes per second.

${table('endpoint|successes/s (median)|p50 ms|p99 ms|server CPU ms per success|failures|per round /s|p99 per round ms', rows)}

| comparison | ratio of medians | median of round ratios | target |
| --- | --- | --- | --- |
| authorize / oidc-provider authorize | ${fixed(authorize.ratio)} | ${fixed(authorize.pairedRatio)} | >= ${TARGET}: ${verdict(authorize.ratio >= TARGET)} |
| token endpoint / oidc-provider authorize | ${fixed(token.ratio)} | ${fixed(token.pairedRatio)} | none |
| server CPU per success: oidc-provider / our authorize | ${fixed(cpuRatio.ratio)} | ${fixed(cpuRatio.pairedRatio)} | none (explains the rate) |

"Server CPU" is the server process's \`process.cpuUsage()\` (all its threads, the thread pool's
signatures included) over a round, divided by the successes in it: the cost of one response on the
server alone. The rate is also bounded by the machine: autocannon runs on the same two vCPUs, and its
own cost per request, the same for both servers, narrows the rate ratio towards 1 when the CPU is
saturated.

Both servers compute the same RS256 signature with a 2048-bit key per response, ${fixed(signatureMs, 3)} ms of CPU
on this machine (the synchronous signer's rate in the event-loop section). Without it, the server's own
work per response is ${fixed(ours, 3)} ms for our authorize (dev host included) and ${fixed(theirs, 3)} ms for
oidc-provider: ${fixed(theirs / ours)} times. The shared signature is why the rate ratio stays well under that: a
1.5 times rate needs our whole response, signature included, to cost two thirds of oidc-provider's:
our own work per response at most ${fixed(median(cpu(2)) / 1.5 - signatureMs, 3)} ms instead of ${fixed(ours, 3)} ms. That work is
the dev host's (dev/dispatch.ts, dev/invoke.ts, the session cookie's HMAC, streaming the token
endpoint's body in dev/write-response.ts) and the authorize steps' (shared/oidc/authorize/), spread
thinly over many functions in the profile. In Azure the Functions host and worker do the dev host's
part (routing, the Easy Auth session, building the HttpRequest and HttpResponse) instead.
`;
    return {
      markdown,
      targets: [
        [
          '2. authorize / oidc-provider authorize (HTTP)',
          `>= ${TARGET}`,
          fixed(authorize.ratio),
          authorize.ratio >= TARGET,
        ],
      ],
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
