import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import { CLIENT_ID, REDIRECT_URI } from './fixtures/site.js';

/**
 * The reference for the HTTP comparisons: oidc-provider with what portal-sts's authorize endpoint
 * offers: one public client (id_token, and code with PKCE S256) with the same client id and redirect
 * URI, an RS256 key of 2048 bits, an account with the same claims, its in-memory adapter. The login
 * and consent interaction is answered by the route below, once. Listens on 127.0.0.1:PORT.
 */
const ACCOUNT = 'ada-0001';
const PROFILE = ['name', 'given_name', 'family_name'];
const SCOPE_CLAIMS = { openid: ['sub'], email: ['email', 'email_verified'], profile: PROFILE };
const CLAIMS = { email: 'ada@contoso.com', email_verified: true, name: 'Ada Lovelace', given_name: 'Ada' };
const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const origin = `http://127.0.0.1:${process.env.PORT}`;
const provider = new Provider(origin, {
  clients: [
    {
      client_id: CLIENT_ID,
      response_types: ['id_token', 'code'],
      grant_types: ['implicit', 'authorization_code'],
      redirect_uris: [REDIRECT_URI],
      token_endpoint_auth_method: 'none',
    },
  ],
  responseTypes: ['id_token', 'code'],
  jwks: { keys: [{ ...key.export({ format: 'jwk' }), kid: 'bench-rs256', alg: 'RS256', use: 'sig' }] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  features: { devInteractions: { enabled: false } },
  claims: SCOPE_CLAIMS,
  findAccount: (_ctx: unknown, sub: string) => ({
    accountId: sub,
    claims: () => ({ sub, ...CLAIMS, family_name: 'Lovelace' }),
  }),
});
const callback = provider.callback();

/** The login and consent step: the account signs in and grants the scopes the client asked for. */
async function finishInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({ accountId: ACCOUNT, clientId: details.params.client_id ?? CLIENT_ID });
  grant.addOIDCScope(details.params.scope ?? 'openid');
  const result = { login: { accountId: ACCOUNT }, consent: { grantId: await grant.save() } };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

createServer((req, res) => {
  if (!req.url?.startsWith('/interaction/')) return callback(req, res);
  finishInteraction(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
}).listen(Number(process.env.PORT), '127.0.0.1');
