import { fixed, int, list, table, verdict } from '../lib/format.js';
import type { HttpResult } from '../sections/http.js';
import { AUTHORIZE_TARGET } from './targets.js';

/**
 * @param signatureMs one RSA-2048 signature on one thread (the event-loop section's synchronous
 *   signer), to split each server's CPU per response into the signature and the server's own work.
 */
export function renderHttp(result: HttpResult, signatureMs: number): string {
  const rows = result.sides.map((side) => [
    side.description,
    int(side.medianSuccessesPerSecond),
    fixed(side.medianP50Ms, 0),
    fixed(side.medianP99Ms, 0),
    fixed(side.medianCpuMsPerSuccess, 3),
    String(side.failures),
    list(side.rounds.map((round) => round.successesPerSecond)),
    list(side.rounds.map((round) => round.p99Ms)),
  ]);
  const {
    authorizeVsOidcProvider: authorize,
    tokenVsOidcProvider: token,
    cpuOidcProviderVsAuthorize: cpu,
  } = result;
  const cpuOf = (name: string) =>
    result.sides.find((side) => side.name === name)?.medianCpuMsPerSuccess ?? Number.NaN;
  const ours = cpuOf('authorize') - signatureMs;
  const theirs = cpuOf('oidc-provider') - signatureMs;
  return `## 2. Over HTTP: the dev host against oidc-provider

autocannon (programmatic API, ${result.connections} connections, ${result.seconds} s per side per round,
a request cap as well) on 127.0.0.1. Each server runs in its own process; autocannon runs in the
benchmark's process. The sides alternate round by round after a 1 s warm-up each.

- **portal-sts**: the dev host (dev/host.ts) serving the function modules from source, against
  Azurite and the local certificate folder, signed in through the dev Easy Auth form (its
  session cookie on every request). Its request log goes nowhere.
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

${table(
  [
    'endpoint',
    'successes/s (median)',
    'p50 ms',
    'p99 ms',
    'server CPU ms per success',
    'failures',
    'per round /s',
    'p99 per round ms',
  ],
  rows,
)}

| comparison | ratio of medians | median of round ratios | target |
| --- | --- | --- | --- |
| authorize / oidc-provider authorize | ${fixed(authorize.ratio)} | ${fixed(authorize.pairedRatio)} | >= ${AUTHORIZE_TARGET}: ${verdict(authorize.ratio >= AUTHORIZE_TARGET)} |
| token endpoint / oidc-provider authorize | ${fixed(token.ratio)} | ${fixed(token.pairedRatio)} | none |
| server CPU per success: oidc-provider / our authorize | ${fixed(cpu.ratio)} | ${fixed(cpu.pairedRatio)} | none (explains the rate) |

"Server CPU" is the server process's \`process.cpuUsage()\` (user and system time of all its threads,
the thread pool's signatures included) over a round, divided by the successes in it. It is the cost
of one response on the server alone. The rate is also bounded by the machine: autocannon runs on the
same two vCPUs, and its own cost per request, the same for both servers, narrows the rate ratio
towards 1 when the CPU is saturated.

Both servers compute the same RS256 signature with a 2048-bit key per response, ${fixed(signatureMs, 3)} ms of CPU
on this machine (the synchronous signer's rate in the event-loop section). Without it, the server's own
work per response is ${fixed(ours, 3)} ms for our authorize (dev host included) and ${fixed(theirs, 3)} ms for
oidc-provider: ${fixed(theirs / ours)} times. The shared signature is why the rate ratio stays well under that: a
1.5 times rate needs our whole response, signature included, to cost two thirds of oidc-provider's:
our own work per response at most ${fixed(cpuOf('oidc-provider') / 1.5 - signatureMs, 3)} ms instead of ${fixed(ours, 3)} ms. That work is
the dev host's (dev/dispatch.ts, dev/invoke.ts, the session cookie's HMAC) and the authorize steps'
(shared/oidc/authorize/), spread thinly over many functions in the profile; in Azure the Functions
host replaces the dev host's part.

The token endpoint answers with the token in a body, which the dev host streams to the socket
(dev/write-response.ts); the authorize endpoint answers with a Location header only. The dev host
itself (routing, the Easy Auth session cookie, building the HttpRequest and HttpResponse) is part of
every portal-sts figure here; in Azure the Functions host and worker do that work instead.
`;
}
