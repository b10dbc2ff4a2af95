import { describe, expect, it } from 'vitest';
import { CODE_LIFETIME_MS, CODE_TOMBSTONE_MS } from '../../shared/grants/authorization-codes.js';
import { InvalidGrantError } from '../../shared/grants/grant-errors.js';
import { sha256Key } from '../../shared/grants/secrets.js';
import { rejectionOf } from '../support/rejection.js';
import { codeGrant, freshGrantStores } from './grant-stores-fixture.js';

const T0 = Date.UTC(2026, 0, 1);

const rejection = (promise: Promise<unknown>) => rejectionOf(promise, InvalidGrantError);

describe('AuthorizationCodeStore against Azurite', () => {
  it('issues an unguessable code, stores only its hash, and redeems it once with its grant', async () => {
    const { codes, codesClient, counter } = freshGrantStores();
    const code = await codes.issue(codeGrant(), T0);
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(counter.take()).toEqual({ createEntity: 1 });

    const rows = [];
    for await (const row of codesClient.listEntities()) rows.push(row);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.partitionKey).toBe(sha256Key(code));
    expect(JSON.stringify(rows)).not.toContain(code);
    counter.take();

    const redeemed = await codes.redeem(code, T0 + 1_000);
    expect(redeemed).toMatchObject({ ...codeGrant(), codeId: sha256Key(code) });
    // One point read and one conditional update per redemption.
    expect(counter.take()).toEqual({ getEntity: 1, updateEntity: 1 });
  });

  it('of four concurrent redemptions of one code, exactly one succeeds', async () => {
    const { codes } = freshGrantStores();
    const code = await codes.issue(codeGrant(), T0);
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => codes.redeem(code, T0 + 500)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ reason: 'reused' });
    }
  });

  it('a second redemption is reuse and names the code, its site and user', async () => {
    const { codes } = freshGrantStores();
    const code = await codes.issue(codeGrant(), T0);
    await codes.redeem(code, T0 + 1);
    const error = await rejection(codes.redeem(code, T0 + 2));
    expect(error.reason).toBe('reused');
    expect(error.reusedCode).toEqual({ siteId: 'contoso', userId: 'user-1', codeId: sha256Key(code) });
  });

  it('a code is expired at 60 s (frozen clock), and its row is deleted on that read', async () => {
    const { codes, codesClient } = freshGrantStores();
    const code = await codes.issue(codeGrant(), T0);
    expect((await rejection(codes.redeem(code, T0 + CODE_LIFETIME_MS))).reason).toBe('expired');
    const rows = [];
    for await (const row of codesClient.listEntities()) rows.push(row);
    expect(rows).toHaveLength(0);
    expect((await rejection(codes.redeem(code, T0 + CODE_LIFETIME_MS))).reason).toBe('unknown');
  });

  it('a code just inside its lifetime is redeemed', async () => {
    const { codes } = freshGrantStores();
    const code = await codes.issue(codeGrant(), T0);
    await expect(codes.redeem(code, T0 + CODE_LIFETIME_MS - 1)).resolves.toMatchObject({ clientId: 'spa' });
  });

  it('unknown and malformed codes are invalid grants', async () => {
    const { codes } = freshGrantStores();
    await codes.table.ensure();
    expect((await rejection(codes.redeem('A'.repeat(43), T0))).reason).toBe('unknown');
    expect((await rejection(codes.redeem("x' or 1 eq 1", T0))).reason).toBe('malformed');
  });

  it('sweepExpired deletes rows past their tombstone time and keeps the rest', async () => {
    const { codes } = freshGrantStores();
    const old = await codes.issue(codeGrant(), T0);
    const recent = await codes.issue(codeGrant(), T0 + CODE_TOMBSTONE_MS);
    expect(await codes.sweepExpired(T0 + CODE_TOMBSTONE_MS + 1)).toBe(1);
    expect((await rejection(codes.redeem(old, T0 + CODE_TOMBSTONE_MS + 2))).reason).toBe('unknown');
    await expect(codes.redeem(recent, T0 + CODE_TOMBSTONE_MS + 2)).resolves.toBeDefined();
  });

  it('unredeem lets the client try the same code again', async () => {
    const { codes } = freshGrantStores();
    const code = await codes.issue(codeGrant(), T0);
    const redeemed = await codes.redeem(code, T0 + 1);
    await codes.unredeem(redeemed.codeId);
    await expect(codes.redeem(code, T0 + 2)).resolves.toMatchObject({ codeId: redeemed.codeId });
  });
});
