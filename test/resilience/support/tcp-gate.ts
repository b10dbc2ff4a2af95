import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

/** What the gate does with connections: pass them to the backend, or accept them and never answer. */
export type GateMode = 'forward' | 'hang';

export interface TcpGate {
  /** The fixed port clients use, whatever port the backend listens on now. */
  port: number;
  /** Where forwarded connections go (a restarted Azurite comes back on another port). */
  setTarget(port: number): void;
  /** Switching drops the open connections, so pooled keep-alive sockets cannot bypass a hang. */
  setMode(mode: GateMode): void;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A loopback TCP front for a test backend. It lets a client keep one address across backend
 * restarts (so the service under test is never recreated), and simulates the worst failure: a
 * backend that accepts the connection and then says nothing. A refused upstream connection is
 * passed on as a reset, as a load balancer in front of a dead backend would.
 */
export async function startTcpGate(targetPort: number): Promise<TcpGate> {
  let target = targetPort;
  let mode: GateMode = 'forward';
  let accepted = 0;
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    accepted++;
    track(client);
    if (mode === 'hang') return; // Accepted, never answered, never closed.
    const upstream = connect({ host: '127.0.0.1', port: target });
    track(upstream);
    upstream.on('connect', () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    setTarget(port) {
      target = port;
    },
    setMode(next) {
      mode = next;
      for (const socket of open) socket.destroy();
    },
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
