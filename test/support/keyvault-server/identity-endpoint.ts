import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueAccessToken } from './access-token.js';

export interface IdentityEndpoint {
  /** IDENTITY_ENDPOINT for the App Service managed identity protocol. */
  url: string;
  requestCount(): number;
  stop(): Promise<void>;
}

/**
 * The App Service managed-identity endpoint (api-version 2019-08-01) that
 * ManagedIdentityCredential calls when IDENTITY_ENDPOINT and IDENTITY_HEADER are set:
 * GET ?resource=...&api-version=2019-08-01 with the X-IDENTITY-HEADER secret.
 */
export async function startIdentityEndpoint(options: {
  identityHeader: string;
  tokenKey: string;
}): Promise<IdentityEndpoint> {
  let count = 0;
  const server = createServer((request, response) => {
    count++;
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const resource = url.searchParams.get('resource');
    const reply = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.headers['x-identity-header'] !== options.identityHeader) {
      return reply(401, {
        error: 'unauthorized',
        error_description: 'X-IDENTITY-HEADER is missing or wrong',
      });
    }
    if (url.searchParams.get('api-version') !== '2019-08-01' || !resource) {
      return reply(400, {
        error: 'invalid_request',
        error_description: 'api-version 2019-08-01 and resource are required',
      });
    }
    const expiresOn = Math.floor(Date.now() / 1000) + 3600;
    return reply(200, {
      access_token: issueAccessToken(options.tokenKey, resource, expiresOn),
      expires_on: String(expiresOn),
      resource,
      token_type: 'Bearer',
      client_id: '00000000-0000-0000-0000-000000000001',
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/msi/token`,
    requestCount: () => count,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
