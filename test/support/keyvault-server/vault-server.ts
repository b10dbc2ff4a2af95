import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerAdminCall } from './admin-routes.js';
import { FaultInjection } from './fault-injection.js';
import { type Json, readBody, sendError, sendJson } from './http-json.js';
import { HttpsListener } from './https-listener.js';
import { signDigest } from './sign-digest.js';
import type { VaultCall } from './vault-call.js';
import { CHALLENGE_ROUTE, isAuthorized, sendChallenge } from './vault-challenge.js';
import {
  BadRequest,
  type CertificateVersion,
  certificateBundle,
  certificateItem,
  certificatePolicy,
  type ImportRequest,
  importVersion,
  keyBundle,
  secretBundle,
} from './vault-data.js';

export { CHALLENGE_ROUTE, VAULT_RESOURCE } from './vault-challenge.js';

export interface KeyVaultTestServerOptions {
  /** The vault's name: it is reached as https://<name>.vault.localhost:<port>. */
  name: string;
  tls: { certPem: string; keyPem: string };
  /** The key the identity endpoint signs access tokens with. */
  tokenKey: string;
  port?: number;
}

const PAGE_SIZE = 25;

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
 */
export class KeyVaultTestServer {
  readonly #options: KeyVaultTestServerOptions;
  readonly #versions = new Map<string, CertificateVersion[]>();
  readonly #counts = new Map<string, number>();
  readonly #listener: HttpsListener;
  readonly #faults = new FaultInjection();

  private constructor(options: KeyVaultTestServerOptions) {
    this.#options = options;
    this.#listener = new HttpsListener(options.tls, (request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) this.#error(response, 500, 'InternalError', String(error));
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

  #send(response: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
    sendJson(response, status, body, headers);
  }

  #error(
    response: ServerResponse,
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): void {
    sendError(response, status, code, message, headers);
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
      return this.#error(response, 400, 'BadParameter', 'api-version is required');

    const [collection, name, third, fourth] = segments;
    const versions = name ? (this.#versions.get(name.toLowerCase()) ?? []) : [];
    const pick = (version: string | undefined) =>
      version ? versions.find((v) => v.version === version) : versions.at(-1);
    const notFound = (kind: 'Certificate' | 'Secret' | 'Key') =>
      this.#error(
        response,
        404,
        `${kind}NotFound`,
        `A ${kind.toLowerCase()} with (name/id) ${name}${third ? `/${third}` : ''} was not found in this key vault.`,
      );

    if (collection === 'certificates' && !name && method === 'GET') {
      const current = [...this.#versions.values()].flatMap((list) => list.slice(-1));
      return this.#page(
        response,
        url,
        current.map((v) => certificateItem(vault, v, false)),
      );
    }
    if (collection === 'certificates' && name && third === 'versions' && method === 'GET') {
      if (versions.length === 0) return notFound('Certificate');
      return this.#page(
        response,
        url,
        versions.map((v) => certificateItem(vault, v, true)),
      );
    }
    if (collection === 'certificates' && name && third === 'import' && method === 'POST') {
      try {
        const version = await importVersion(name, JSON.parse(body || '{}') as ImportRequest);
        this.#versions.set(name.toLowerCase(), [...versions, version]);
        return this.#send(response, 200, certificateBundle(vault, version));
      } catch (error) {
        if (error instanceof BadRequest || error instanceof SyntaxError) {
          return this.#error(response, 400, 'BadParameter', error.message);
        }
        throw error;
      }
    }
    if (collection === 'certificates' && name && third === 'policy' && method === 'GET') {
      const latest = pick(undefined);
      if (!latest) return notFound('Certificate');
      return this.#send(response, 200, certificatePolicy(vault, latest));
    }
    if (collection === 'keys' && name && third && !fourth && method === 'GET') {
      const version = pick(third);
      if (!version) return notFound('Key');
      return this.#send(response, 200, keyBundle(vault, version));
    }
    if (collection === 'keys' && name && third && fourth === 'sign' && method === 'POST') {
      const version = pick(third);
      if (!version) return notFound('Key');
      return this.#sign(response, vault, version, body);
    }
    if (
      collection === 'certificates' &&
      name &&
      segments.length <= 3 &&
      (method === 'GET' || method === 'PATCH')
    ) {
      const version = pick(third);
      if (!version) return notFound('Certificate');
      if (method === 'PATCH') {
        const update = JSON.parse(body || '{}') as {
          attributes?: { enabled?: boolean };
          tags?: Record<string, string>;
        };
        if (update.attributes?.enabled !== undefined) version.enabled = update.attributes.enabled;
        if (update.tags) version.tags = update.tags;
        version.updated = Math.floor(Date.now() / 1000);
      }
      return this.#send(response, 200, certificateBundle(vault, version));
    }
    if (collection === 'secrets' && name && segments.length <= 3 && method === 'GET') {
      const version = pick(third);
      if (!version) return notFound('Secret');
      return this.#send(response, 200, secretBundle(vault, version));
    }
    return this.#error(
      response,
      405,
      'MethodNotAllowed',
      `${method} ${url.pathname} is not supported by the test vault`,
    );
  }

  /** POST keys/{name}/{version}/sign: `{alg, value}` (a base64url digest) → `{kid, value}`. */
  #sign(response: ServerResponse, vault: string, version: CertificateVersion, body: string): void {
    const { alg, value } = JSON.parse(body || '{}') as { alg?: string; value?: string };
    const expected = version.kty.startsWith('EC') ? 'ES256' : 'RS256';
    const digest = Buffer.from(value ?? '', 'base64url');
    if (alg !== expected || digest.length !== 32) {
      this.#error(response, 400, 'BadParameter', `expected ${expected} over a 32-byte digest`);
    } else if (!version.enabled) {
      this.#error(response, 403, 'Forbidden', 'Operation sign is not allowed on a disabled key.');
    } else {
      const signature = signDigest(version.privateKey, digest).toString('base64url');
      this.#send(response, 200, {
        kid: `${vault}/keys/${version.name}/${version.version}`,
        value: signature,
      });
    }
  }

  /** Real paging: `maxresults` per page and a nextLink carrying a skip token, as the service does. */
  #page(response: ServerResponse, url: URL, items: Json[]): void {
    const size = Math.min(Number(url.searchParams.get('maxresults')) || PAGE_SIZE, PAGE_SIZE);
    const skip = Number(url.searchParams.get('$skiptoken')) || 0;
    const next = new URL(url);
    next.searchParams.set('$skiptoken', String(skip + size));
    const nextLink = skip + size < items.length ? next.toString() : null;
    this.#send(response, 200, { value: items.slice(skip, skip + size), nextLink });
  }
}

/** 'GET /certificates/{name}/{version}' and the like: counts that say which SDK call was made. */
function routeName(method: string, segments: string[]): string {
  const [collection = '', name, third, fourth] = segments;
  const parts = [`/${collection}`];
  if (name) parts.push('/{name}');
  if (third) parts.push(['versions', 'import', 'policy'].includes(third) ? `/${third}` : '/{version}');
  if (fourth) parts.push(`/${fourth}`);
  return `${method} ${parts.join('')}`;
}
