import { createHash, randomBytes } from 'node:crypto';
import { allowRefreshTokensSettingName } from '../../../shared/settings/setting-names.js';
import type { CookieJar } from '../../lib/dev-sign-in.js';
import { withSignedInServers } from '../fixtures/servers.js';
import { CLIENT_ID, REDIRECT_URI, SITE_ID } from '../fixtures/site.js';
import { alternate, boundedLoop, compare } from '../lib/measure.js';
import { type Bench, fixed, list, type SectionReport, table } from '../lib/report.js';

type TokenAnswer = { id_token?: string; refresh_token?: string };

/** One round trip: authorize (code, PKCE S256) with the session cookie, then the code at the token endpoint. */
async function roundTrip(jar: CookieJar, authorize: string, token: string, scope = 'openid') {
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope,
    state: 'bench-state-0001',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const location = (await jar.fetch(`${authorize}?${query}`)).headers.get('location') ?? '';
  const code = new URL(location, REDIRECT_URI).searchParams.get('code');
  if (!code) throw new Error(`${jar.origin}: no code in ${location.slice(0, 80)}`);
  const body = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID };
  return postToken(jar, token, { ...body, code_verifier: verifier });
}

async function postToken(jar: CookieJar, path: string, form: Record<string, string>): Promise<TokenAnswer> {
  const response = await jar.fetch(path, { method: 'POST', body: new URLSearchParams(form) });
  const answer = (await response.json()) as TokenAnswer;
  if (response.status !== 200 || !answer.id_token) throw new Error(`${path}: HTTP ${response.status}`);
  return answer;
}

/** Routes as the report names them: the table's name dropped, an entity's keys as (…). */
const routes = (byRoute: Record<string, number>) =>
  Object.entries(byRoute)
    .map(
      ([route, n]) =>
        `${route.replace(/\/devstoreaccount1\/Bench[0-9a-f]+/, '').replace(/\(.*$/, '(…)')} ×${n}`,
    )
    .join('; ');

/** 6. The code flow's round trips against oidc-provider's; the Table requests of a sign-in and a refresh. */
export async function runCodeFlow({ env, azurite, settings, quick, log }: Bench): Promise<SectionReport> {
  const budget = { rounds: quick ? 3 : 5, perRound: quick ? 67 : 100 };
  await settings.write(SITE_ID, allowRefreshTokensSettingName(CLIENT_ID), 'True');
  const [auth, token] = [`/${SITE_ID}/oauth2/v1/auth`, `/${SITE_ID}/oauth2/v1/token`];
  const counting = { ...env, SITE_SETTINGS_CONNECTION_STRING: azurite.countedConnectionString };
  const { c, signIn, refreshed } = await withSignedInServers(counting, async (dev, reference) => {
    const ours = (scope?: string) => roundTrip(dev.jar, auth, token, scope);
    const theirs = () => roundTrip(reference.jar, '/auth', '/token');
    const limits = { maxOps: budget.perRound, maxMs: 120_000, concurrency: 1 };
    const timed = (trip: () => Promise<unknown>) => async () => {
      const { ms, ops } = await boundedLoop(trip, limits);
      return ms / ops;
    };
    // Warm-up, not recorded; one sign-in with a refresh token creates that table (created on first use).
    for (let i = 0; i < 20; i++)
      await Promise.all([ours(i === 0 ? 'openid offline_access' : undefined), theirs()]);
    const sides = { 'portal-sts': timed(() => ours()), 'oidc-provider': timed(theirs) };
    const results = await alternate(sides, budget.rounds, (round, name, ms) =>
      log(`  round ${round + 1} ${name}: ${ms.toFixed(2)} ms per round trip`),
    );
    let refresh = '';
    const signIn = await azurite.during(async () => {
      refresh = (await ours('openid offline_access')).refresh_token ?? '';
    });
    if (!refresh) throw new Error('no refresh token: is AllowRefreshTokens set?');
    const form = { grant_type: 'refresh_token', refresh_token: refresh, client_id: CLIENT_ID };
    const refreshed = await azurite.during(() => postToken(dev.jar, token, form));
    return { c: compare(results['portal-sts'] ?? [], results['oidc-provider'] ?? []), signIn, refreshed };
  });
  const ms = (value: number) => fixed(value);
  const markdown = `## 6. Code flow: the dev host against oidc-provider

One round trip is \`GET /{site}/oauth2/v1/auth?response_type=code\` (scope \`openid\`, PKCE S256, a
state; signed in as in section 2) then \`POST /{site}/oauth2/v1/token\` with the code and verifier;
on oidc-provider 9.13.3 the same two requests on \`/auth\` and \`/token\` (the same public client).
One at a time, ${budget.perRound} per side per round, ${budget.rounds} rounds after a warm-up. Codes are stored in Azurite
(through the counting proxy) on our side, in oidc-provider's in-memory adapter on its side.

${table('side|median ms per round trip|per round ms', [
  ['portal-sts (dev host, Azurite)', fixed(c.aMedian), list(c.a, ms)],
  ['oidc-provider (in memory)', fixed(c.bMedian), list(c.b, ms)],
])}

Ratio portal-sts / oidc-provider: ${fixed(c.ratio)} (median of round ratios ${fixed(c.pairedRatio)}).

**Table requests** (at the counting proxy, settings already cached): one sign-in with
\`offline_access\` (authorize + token): ${signIn.count} (${routes(signIn.byRoute)}); one refresh
(\`grant_type=refresh_token\`): ${refreshed.count} (${routes(refreshed.byRoute)}). Targets: 4 (a write, a read, an ETag
update, the refresh token's insert) and 2 (a read and a conditional Merge; the rotated hash is kept).
`;
  return {
    markdown,
    targets: [
      ['6. Table requests per sign-in with a refresh token', '4', String(signIn.count), signIn.count === 4],
      ['6. Table requests per refresh', '2', String(refreshed.count), refreshed.count === 2],
    ],
  };
}
