import { sendError, sendJson } from './http-json.js';
import type { VaultCall, VaultContents } from './vault-call.js';

/** What the admin routes control besides the contents: the request counts and the faults. */
export interface VaultControls {
  requestCount(): number;
  requests(): Record<string, number>;
  resetRequestCounts(): void;
  failWith(status: number | undefined, retryAfter?: number): void;
  hang(on: boolean): void;
}

/**
 * The /_test/{action} routes, for tests whose vault runs in another process (the global setup's):
 * GET requests, POST reset, POST fail {status, retryAfter} ({} restores normal answers), POST hang {on}.
 * They need no token and are not counted.
 */
export function answerAdminCall(vault: VaultControls, contents: VaultContents, call: VaultCall): void {
  const { method, body, response } = call;
  const action = call.segments[1];
  if (method === 'GET' && action === 'requests') {
    sendJson(response, 200, { total: vault.requestCount(), byRoute: vault.requests() });
    return;
  }
  if (method === 'POST' && action === 'reset') {
    contents.clear();
    vault.resetRequestCounts();
    vault.failWith(undefined);
    sendJson(response, 200, {});
    return;
  }
  if (method === 'POST' && action === 'hang') {
    const { on } = JSON.parse(body || '{}') as { on?: boolean };
    vault.hang(on === true);
    sendJson(response, 200, {});
    return;
  }
  if (method === 'POST' && action === 'fail') {
    const { status, retryAfter } = JSON.parse(body || '{}') as { status?: number; retryAfter?: number };
    vault.failWith(status, retryAfter);
    sendJson(response, 200, {});
    return;
  }
  sendError(response, 404, 'NotFound', 'unknown admin route');
}
