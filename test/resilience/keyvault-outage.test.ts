import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultAzureCredential } from '@azure/identity';
import { CertificateClient } from '@azure/keyvault-certificates';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CachingCertificateStore } from '../../shared/certs/caching-certificate-store.js';
import { KeyVaultCertificateStore } from '../../shared/certs/keyvault-certificate-store.js';
import { type KeyVaultTestServer, startTestVault } from '../support/keyvault-server/index.js';
import { toPkcs12 } from '../support/pkcs12-builder.js';
import { makeCertificate, type TestCertificate } from '../support/test-certificates.js';
import { CountingStore } from './support/counting-store.js';
import { recordingLog } from './support/fake-backend.js';
import { expectFailFastInBackoff, report, timed, timedAtDeadline } from './support/measure.js';
import { startTcpGate, type TcpGate } from './support/tcp-gate.js';

const RECHECK_MS = 10 * 60_000;
const T0 = 1_000_000;
const clock = { now: T0 };
const at = (secondsAfterRecheck: number) => T0 + RECHECK_MS + secondsAfterRecheck * 1000;

let vault: KeyVaultTestServer;
let gate: TcpGate;
let admin: CertificateClient;

beforeAll(async () => {
  vault = await startTestVault();
  gate = await startTcpGate(Number(new URL(vault.url).port));
  admin = new CertificateClient(vault.url, new DefaultAzureCredential());
});
afterAll(async () => {
  await gate.close();
  await vault.stop();
});
afterEach(async () => {
  vault.failWith(undefined);
  gate.setMode('forward');
  await vault.restart();
});

function importPfx(name: string, cert: TestCertificate) {
  return admin.importCertificate(name, toPkcs12(cert.certPem, cert.keyPem));
}

/** A default certificate of the test's own, and the production stack over it, reached through the gate. */
async function setUp(staleIfErrorSeconds?: number) {
  clock.now = T0;
  const name = `outage-${randomBytes(3).toString('hex')}`;
  const cert = makeCertificate();
  await importPfx(name, cert);
  const vaultUrl = vault.url.replace(/:\d+$/, `:${gate.port}`);
  const counting = new CountingStore(new KeyVaultCertificateStore({ vaultUrl, defaultName: name }), clock);
  const logs = recordingLog();
  const store = new CachingCertificateStore(counting, {
    now: () => clock.now,
    log: logs.log,
    staleIfErrorSeconds,
  });
  return { name, cert, counting, logs, store };
}

describe('the default certificate while Key Vault fails, stops and hangs', () => {
  it('keeps the last good default through a 60 s outage: 6 re-checks, 6 warnings, 121 requests', async () => {
    const { cert, counting, logs, store } = await setUp();
    await store.get(undefined);
    vault.failWith(500);
    vault.resetRequestCounts();
    const served = new Set<string>();
    for (let s = 0; s <= 60; s += 0.5) {
      clock.now = at(s);
      served.add((await store.get(undefined)).thumbprint);
      await counting.idle();
    }
    expect(served).toEqual(new Set([cert.thumbprint]));
    expect(counting.resolveTimes.slice(1).map((t) => (t - at(0)) / 1000)).toEqual([0, 1, 3, 7, 15, 31]);
    expect(logs.at('warn')).toHaveLength(6);
    expect(logs.at('warn')[0]?.message).toMatch(
      /^the default signing certificate: refresh failed \(StsError/,
    );
    // Each re-check is one SDK call with its own retries: the vault saw 3 requests per re-check.
    expect(vault.requestCount()).toBe(18);
    report('keyvault: vault requests during a 60 s outage', vault.requestCount());
  }, 60_000);

  it('recovers after the vault restarts, with the same store, and picks up a renewal made meanwhile', async () => {
    const { name, cert, counting, logs, store } = await setUp();
    await store.get(undefined);
    await vault.stop();
    clock.now = at(0);
    expect((await store.get(undefined)).thumbprint).toBe(cert.thumbprint);
    await vault.restart();
    await sleep(1_100); // Key Vault's `created` has one-second resolution: the renewal must be newer.
    const renewed = makeCertificate();
    await importPfx(name, renewed);
    clock.now = at(1);
    await store.get(undefined);
    await counting.idle();
    expect((await store.get(undefined)).thumbprint).toBe(renewed.thumbprint);
    expect(counting.resolveTimes).toHaveLength(3);
    expect(logs.at('info').map((l) => l.message)).toEqual([
      `the default signing certificate changed from ${cert.thumbprint} to ${renewed.thumbprint}`,
      'the default signing certificate: the backend answers again after 1 failed attempt(s)',
    ]);
  }, 30_000);

  it('with nothing cached answers PortalSTS0011 with Retry-After, then at once during the backoff', async () => {
    const { cert, counting, store } = await setUp();
    await vault.stop();
    const { first } = await expectFailFastInBackoff(() => store.get(undefined), 'PortalSTS0011', '30');
    expect(counting.resolveTimes).toHaveLength(1);
    report('keyvault: 503 with the vault stopped, nothing cached (ms)', first.ms);
    await vault.restart();
    clock.now += 1_000;
    expect((await store.get(undefined)).thumbprint).toBe(cert.thumbprint);
  }, 30_000);

  it('answers within the 10 s Key Vault deadline when the vault hangs, then without waiting', async () => {
    const cached = await setUp();
    await cached.store.get(undefined);
    const empty = await setUp();
    gate.setMode('hang');
    clock.now = at(0);
    const { stale, failed } = await timedAtDeadline(
      cached.store.get(undefined),
      empty.store.get(empty.cert.thumbprint),
      10_000,
    );
    expect(stale.value?.thumbprint).toBe(cached.cert.thumbprint);
    expect(failed.error).toMatchObject({ id: 'PortalSTS0011', detail: expect.stringContaining('timed out') });
    clock.now = at(1);
    // "Without waiting": far below the 10 s vault deadline, with room for a loaded CI machine.
    const next = await timed(cached.store.get(undefined));
    expect(next.ms).toBeLessThan(1_000);
    // A key cached by thumbprint needs no vault at all.
    expect((await timed(cached.store.get(cached.cert.thumbprint))).ms).toBeLessThan(1_000);
    report('keyvault: hung vault, first request with a stale default (ms)', stale.ms);
    report('keyvault: hung vault, nothing cached, 503 after (ms)', failed.ms);
    report('keyvault: hung vault, requests after the first failure (ms)', next.ms);
    gate.setMode('forward');
    await cached.counting.idle();
  }, 40_000);

  it('stops using the stale default after the stale-if-error bound', async () => {
    const { logs, store } = await setUp(120);
    await store.get(undefined);
    vault.failWith(500);
    clock.now = at(119.999);
    await store.get(undefined);
    clock.now = at(120);
    await expect(store.get(undefined)).rejects.toMatchObject({ id: 'PortalSTS0011', status: 503 });
    expect(logs.at('error')).toHaveLength(1);
  }, 30_000);
});
