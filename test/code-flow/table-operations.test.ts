import type { TableClient } from '@azure/data-tables';
import { describe, expect, it, vi } from 'vitest';
import { getServices } from '../../shared/services.js';
import { SPA } from '../authorize/support.js';
import { report } from '../resilience/support/measure.js';
import { codeHostForFile, freshCode, postToken, redeemFields } from './support.js';

/**
 * The Table operations one sign-in and one refresh cost through the real endpoints (counted on
 * the services' own Table clients): one write at authorize; one read and one conditional update
 * at the token endpoint (plus the refresh family's insert); one read and one conditional update
 * per refresh. With RESILIENCE_REPORT=1 it also prints the (single, unrepeated) round trip times.
 */

const { dev, browser } = codeHostForFile();
const OPERATIONS = [
  'getEntity',
  'createEntity',
  'updateEntity',
  'deleteEntity',
  'listEntities',
  'upsertEntity',
] as const;

function countOn(clients: TableClient[]): () => Record<string, number> {
  const counts: Record<string, number> = {};
  for (const client of clients)
    for (const name of OPERATIONS) {
      const original = client[name].bind(client) as (...args: unknown[]) => unknown;
      vi.spyOn(client, name).mockImplementation(((...args: unknown[]) => {
        counts[name] = (counts[name] ?? 0) + 1;
        return original(...args);
      }) as never);
    }
  return () => {
    const taken = { ...counts };
    for (const name of Object.keys(counts)) delete counts[name];
    return taken;
  };
}

describe('Table operations per sign-in and per refresh', () => {
  it('authorize: 1 insert; token: 1 read + 1 conditional update + 1 family insert; refresh: 1 read + 1 update', async () => {
    const services = await getServices();
    await Promise.all([services.codes.table.ensure(), services.refreshTokens.table.ensure()]);
    const take = countOn([services.codes.table.client, services.refreshTokens.table.client]);

    const started = performance.now();
    const { code, verifier } = await freshCode(browser());
    const authorizeMs = performance.now() - started;
    expect(take()).toEqual({ createEntity: 1 });

    const redeemStarted = performance.now();
    const response = await postToken(dev().url, redeemFields(code, verifier));
    const tokenMs = performance.now() - redeemStarted;
    expect(response.status).toBe(200);
    expect(take()).toEqual({ getEntity: 1, updateEntity: 1, createEntity: 1 });

    const { refresh_token } = (await response.json()) as { refresh_token: string };
    const refreshStarted = performance.now();
    const refreshed = await postToken(dev().url, {
      grant_type: 'refresh_token',
      refresh_token,
      client_id: SPA,
    });
    const refreshMs = performance.now() - refreshStarted;
    expect(refreshed.status).toBe(200);
    expect(take()).toEqual({ getEntity: 1, updateEntity: 1 });

    // Without offline_access there is no family to insert.
    const plain = await freshCode(browser(), { scope: 'openid' });
    take();
    expect((await postToken(dev().url, redeemFields(plain.code, plain.verifier))).status).toBe(200);
    expect(take()).toEqual({ getEntity: 1, updateEntity: 1 });

    report('code flow: authorize (signed in, 302 with code) ms', authorizeMs);
    report('code flow: token (code + PKCE, with refresh token) ms', tokenMs);
    report('code flow: refresh ms', refreshMs);
  });
});
