import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerAdminCall } from './admin-routes.js';
import { FaultInjection } from './fault-injection.js';
import { readBody, sendError } from './http-json.js';
import { HttpsListener } from './https-listener.js';
import type { VaultCall, VaultContents } from './vault-call.js';
import { CHALLENGE_ROUTE, isAuthorized, sendChallenge } from './vault-challenge.js';
import { answerVaultCall, routeName } from './vault-routes.js';

export { CHALLENGE_ROUTE, VAULT_RESOURCE } from './vault-challenge.js';

export interface KeyVaultTestServerOptions {
  /** The vault's name: it is reached as https://<name>.vault.localhost:<port>. */
  name: string;
  tls: { certPem: string; keyPem: string };
  /** The key the identity endpoint signs access tokens with. */
  tokenKey: string;
  port?: number;
}

/**
 * A protocol-level fake of the Key Vault data plane: the certificate, secret and key REST calls the
 * Azure SDK makes (including the key `sign` operation), with the bearer challenge and real JSON
 * shapes. Certificates imported with policy key_props `exportable: false` or an HSM kty keep their
 * key inside: their secret holds the certificate only, and they sign through keys/.../sign. It counts requests per route
 * (benchmarks assert how many calls reach the vault), can be stopped and restarted on the same
 * port, and can be told to fail every call with a status or to hang (fault injection).
 *
 * Admin routes for tests in other processes: GET /_test/requests, POST /_test/reset,
 * POST /_test/fail {status, retryAfter} ({} restores normal answers), POST /_test/hang {on}.
 *
 * This class is the vault's front door: it counts each call, lets an injected fault or the 401
 * challenge answer it first, and hands the rest to the routing table (vault-routes.ts).
 */
export class KeyVaultTestServer {
  readonly #options: KeyVaultTestServerOptions;
  readonly #versions: VaultContents = new Map();
  readonly #counts = new Map<string, number>();
  readonly #listener: HttpsListener;
  readonly #faults = new FaultInjection();

  private constructor(options: KeyVaultTestServerOptions) {
    this.#options = options;
    this.#listener = new HttpsListener(options.tls, (request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) sendError(response, 500, 'InternalError', String(error));
      });
    });
  }

  static async start(options: KeyVaultTestServerOptions): Promise<KeyVaultTestServer> {
    const server = new KeyVaultTestServer(options);
    await server.restart();
    return server;
  }

  get url(): string {
    return `https://${this.#options.name}.vault.localhost:${this.#listener.port}`;
  }

  /** Requests per route ('GET /certificates/{name}/versions', ...); challenges under CHALLENGE_ROUTE. */
  requests(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  requestCount(): number {
    let total = 0;
    for (const count of this.#counts.values()) total += count;
    return total;
  }

  resetRequestCounts(): void {
    this.#counts.clear();
  }

  /** Every vault call answers `status` (with Retry-After if given) until called with undefined. */
  failWith(status: number | undefined, retryAfter?: number): void {
    this.#faults.failWith(status, retryAfter);
  }

  /**
   * While true, every vault call is accepted and never answered (a vault that hangs); false
   * answers the waiting calls with 503 and restores normal answers.
   */
  hang(on: boolean): void {
    this.#faults.hang(on);
  }

  stop(): Promise<void> {
    return this.#listener.close();
  }

  /** Listens again (on the same port once it has one), keeping the vault's contents. */
  restart(): Promise<void> {
    return this.#listener.listen(this.#options.port);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const vault = `https://${request.headers.host ?? `${this.#options.name}.vault.localhost:${this.#listener.port}`}`;
    const url = new URL(request.url ?? '/', vault);
    const method = request.method ?? 'GET';
    const segments = url.pathname.split('/').filter(Boolean);
    const call: VaultCall = { method, url, vault, segments, body, response };
    if (segments[0] === '_test') return answerAdminCall(this, this.#versions, call);

    const route = routeName(method, segments);
    const count = (key: string) => this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);

    if (this.#faults.active) {
      count(route);
      return this.#faults.answer(response);
    }
    if (!isAuthorized(this.#options.tokenKey, request.headers.authorization)) {
      count(CHALLENGE_ROUTE);
      return sendChallenge(response);
    }
    count(route);
    if (!url.searchParams.get('api-version'))
      return sendError(response, 400, 'BadParameter', 'api-version is required');
    return answerVaultCall(call, this.#versions);
  }
}
