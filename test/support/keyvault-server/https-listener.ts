import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * The vault's HTTPS socket on 127.0.0.1: it can be closed (dropping open connections, as an
 * outage does) and listen again on the port it had, so clients see the same vault come back.
 */
export class HttpsListener {
  readonly #tls: { certPem: string; keyPem: string };
  readonly #handler: Handler;
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  #port = 0;

  constructor(tls: { certPem: string; keyPem: string }, handler: Handler) {
    this.#tls = tls;
    this.#handler = handler;
  }

  /** The port it listens on, or last listened on; 0 before the first listen. */
  get port(): number {
    return this.#port;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens on `port`, or on the port it had (a free one the first time); closes first if open. */
  async listen(port?: number): Promise<void> {
    await this.close();
    const server = createServer({ cert: this.#tls.certPem, key: this.#tls.keyPem }, this.#handler);
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port ?? this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }
}
