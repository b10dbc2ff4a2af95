import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

export interface ConnectProxy {
  /** HTTPS_PROXY for the test processes. */
  url: string;
  stop(): Promise<void>;
}

const VAULT_HOST = /(^|\.)vault\.localhost$/;

/**
 * An HTTP CONNECT proxy that tunnels `<name>.vault.localhost:<port>` to 127.0.0.1:<port>. The
 * Key Vault SDK only accepts an auth challenge from a host under the challenge resource's host,
 * so tests must use vault host names; they do not resolve on this machine and /etc/hosts is not
 * ours to edit, but the Azure SDK sends everything through HTTPS_PROXY, which resolves the name
 * here. TLS stays end to end: the proxy only moves bytes. A vault that is down answers 502, as a
 * real proxy would.
 */
export async function startConnectProxy(): Promise<ConnectProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((_request, response) => {
    response.writeHead(405, { connection: 'close' }).end('only CONNECT is proxied');
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const [host = '', portText = ''] = (request.url ?? '').split(':');
    const port = Number(portText);
    if (!VAULT_HOST.test(host) || !Number.isInteger(port) || port <= 0) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const upstream = connect({ host: '127.0.0.1', port });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    let established = false;
    upstream.once('connect', () => {
      established = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      if (!established && client.writable) {
        client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      } else client.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
