import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDevHost, type TestDevHost } from '../support/dev-host.js';
import { FIXTURE } from './dev-host-fixture.js';

let dev: TestDevHost;

beforeAll(async () => {
  dev = await startTestDevHost({
    functionModules: [FIXTURE],
    timeouts: { headersMs: 600, requestMs: 1_200, keepAliveMs: 300 },
  });
});

afterAll(async () => {
  await dev?.close();
});

/** Opens a raw connection, writes `data`, and resolves with what came back and when it closed. */
function rawConnection(data: string): Promise<{ received: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let received = '';
    const socket = connect(dev.host.port, '127.0.0.1', () => socket.write(data));
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('close', () => resolve({ received, closedAfterMs: Date.now() - started }));
    socket.on('error', reject);
    // Longer than any bound under test: a connection still open then was never dropped.
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`connection still open after 8 s; received ${JSON.stringify(received)}`));
    }, 8_000).unref();
  });
}

describe('dev host connection limits', () => {
  it('drops a connection whose request head never finishes, after headersTimeout', async () => {
    const { received, closedAfterMs } = await rawConnection(
      'GET /fixture/items/latest HTTP/1.1\r\nHost: x\r\n',
    );
    expect(received).toMatch(/^(HTTP\/1\.1 408|$)/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(500);
    expect(closedAfterMs).toBeLessThan(4_000);
  });

  it('closes an idle keep-alive connection after keepAliveTimeout', async () => {
    const { received, closedAfterMs } = await rawConnection(
      'GET /fixture/items/latest HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n',
    );
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toContain('{"which":"literal"}');
    expect(closedAfterMs).toBeLessThan(3_000);
  });

  it('drops a request whose body never finishes, after requestTimeout', async () => {
    const { closedAfterMs } = await rawConnection(
      'POST /fixture/echo/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial',
    );
    expect(closedAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(closedAfterMs).toBeLessThan(5_000);
  });
});
