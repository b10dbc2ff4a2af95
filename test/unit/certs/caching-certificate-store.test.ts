import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CachingCertificateStore,
  type DefaultResolvingStore,
} from '../../../shared/certs/caching-certificate-store.js';
import { createSigningKey, type SigningKey } from '../../../shared/certs/signing-key.js';
import { StsError } from '../../../shared/errors/sts-error.js';
import { makeCertificate } from '../../support/test-certificates.js';

const first = makeCertificate();
const renewed = makeCertificate();
const keyOf = (cert: typeof first) => createSigningKey(new X509Certificate(cert.certPem), cert.privateKey);
const keysByThumbprint = new Map<string, SigningKey>([first, renewed].map((c) => [c.thumbprint, keyOf(c)]));

/** An in-memory store that counts calls and can be told to fail or to change its default. */
function countingStore() {
  const state = { gets: 0, resolves: 0, defaultThumbprint: first.thumbprint, failing: false };
  const store: DefaultResolvingStore = {
    async get(thumbprint) {
      state.gets++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (state.failing) throw new StsError('PortalSTS0011');
      const key = keysByThumbprint.get(thumbprint ?? state.defaultThumbprint);
      if (!key) throw new StsError('PortalSTS0018');
      return key;
    },
    async resolveDefaultThumbprint() {
      state.resolves++;
      if (state.failing) throw new StsError('PortalSTS0011');
      return state.defaultThumbprint;
    },
  };
  return { store, state };
}

describe('CachingCertificateStore', () => {
  it('fetches a thumbprint once, sharing the fetch between concurrent callers', async () => {
    const { store, state } = countingStore();
    const cache = new CachingCertificateStore(store);
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.get(first.thumbprint)));
    await cache.get(first.thumbprint);
    expect(new Set(results).size).toBe(1);
    expect(state.gets).toBe(1);
  });

  it('retries a failed fetch after a backoff, answering the error at once in between', async () => {
    const { store, state } = countingStore();
    let now = 0;
    const cache = new CachingCertificateStore(store, { now: () => now });
    state.failing = true;
    await expect(cache.get(first.thumbprint)).rejects.toMatchObject({ id: 'PortalSTS0011' });
    state.failing = false;
    now = 999;
    await expect(cache.get(first.thumbprint)).rejects.toMatchObject({ id: 'PortalSTS0011' });
    expect(state.gets).toBe(1);
    now = 1000;
    expect((await cache.get(first.thumbprint)).thumbprint).toBe(first.thumbprint);
    expect(state.gets).toBe(2);
  });

  it('re-checks the default every 10 minutes and picks up a renewal', async () => {
    const { store, state } = countingStore();
    let now = 0;
    const cache = new CachingCertificateStore(store, { now: () => now });
    expect((await cache.get(undefined)).thumbprint).toBe(first.thumbprint);
    state.defaultThumbprint = renewed.thumbprint;
    now = 9 * 60_000;
    expect((await cache.get(undefined)).thumbprint).toBe(first.thumbprint);
    expect(state.resolves).toBe(1);
    now = 10 * 60_000 + 1;
    expect((await cache.get(undefined)).thumbprint).toBe(renewed.thumbprint);
    expect(state.resolves).toBe(2);
  });

  it('keeps serving the previous default while a re-check fails', async () => {
    const { store, state } = countingStore();
    let now = 0;
    const cache = new CachingCertificateStore(store, { now: () => now });
    await cache.get(undefined);
    state.failing = true;
    now = 11 * 60_000;
    expect((await cache.get(undefined)).thumbprint).toBe(first.thumbprint);
  });

  it('passes a first failure to resolve the default to the caller', async () => {
    const { store, state } = countingStore();
    state.failing = true;
    await expect(new CachingCertificateStore(store).get(undefined)).rejects.toMatchObject({
      id: 'PortalSTS0011',
    });
  });
});
