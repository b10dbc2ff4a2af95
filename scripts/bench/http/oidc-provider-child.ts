import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { CLIENT_ID, REDIRECT_URI } from '../fixtures/site.js';
import { serveSteps } from '../lib/ipc.js';
import { stopWithParent } from './messages.js';

/**
 * The reference: oidc-provider (the certified OpenID Provider for Node.js) with what portal-sts's
 * authorize endpoint offers: one implicit client (response_type id_token) with the same client id
 * and redirect URI, an RS256 key of the same size (2048 bits), an account with the same claims,
 * and its default in-memory adapter. Its login and consent interaction is answered once,
 * programmatically, by the route below; after that the session makes /auth answer without one.
 */
const BENCH_ACCOUNT = 'ada-0001';

const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const jwk = { ...key.export({ format: 'jwk' }), kid: 'bench-rs256', alg: 'RS256', use: 'sig' };

const server = createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const provider = new Provider(origin, {
  clients: [
    {
      client_id: CLIENT_ID,
      response_types: ['id_token'],
      grant_types: ['implicit'],
      redirect_uris: [REDIRECT_URI],
      token_endpoint_auth_method: 'none',
    },
  ],
  responseTypes: ['id_token'],
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  features: { devInteractions: { enabled: false } },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  findAccount: (_ctx, sub) => ({
    accountId: sub,
    claims: () => ({
      sub,
      email: 'ada@contoso.com',
      email_verified: true,
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
    }),
  }),
});
const callback = provider.callback();

/** The login and consent step: the account signs in and grants the scopes the client asked for. */
async function finishInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({
    accountId: BENCH_ACCOUNT,
    clientId: details.params.client_id ?? CLIENT_ID,
  });
  grant.addOIDCScope(details.params.scope ?? 'openid');
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: BENCH_ACCOUNT }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

server.on('request', (req: IncomingMessage, res: ServerResponse) => {
  if (req.url?.startsWith('/interaction/')) {
    finishInteraction(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
    return;
  }
  callback(req, res);
});

stopWithParent(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);
// The benchmark reads this process's CPU time (main thread and thread pool) around each run.
serveSteps({ cpu: async () => process.cpuUsage() });
process.send?.({ type: 'ready', url: origin });
