import { describe, expect, it } from 'vitest';
import { InvalidGrantError } from '../../shared/grants/grant-errors.js';
import { MAX_FAMILY_LIFETIME_SECONDS } from '../../shared/grants/refresh-tokens.js';
import { sha256Key } from '../../shared/grants/secrets.js';
import type { StoredGrant } from '../../shared/grants/stored-grant.js';
import { rejectionOf } from '../support/rejection.js';
import { freshGrantStores, USER } from './grant-stores-fixture.js';

const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400;
const GRANT: StoredGrant = {
  siteId: 'contoso',
  clientId: 'spa',
  user: USER,
  scopes: ['openid', 'offline_access'],
  authTime: 1_700_000_000,
};

const reason = async (promise: Promise<unknown>) => (await rejectionOf(promise, InvalidGrantError)).reason;

describe('RefreshTokenStore against Azurite', () => {
  it('issues an opaque token stored only as its hash, and rotates it with one read and one write', async () => {
    const { refreshTokens, refreshClient, counter } = freshGrantStores();
    const issued = await refreshTokens.issue(GRANT, DAY, T0);
    expect(issued.token).toMatch(/^[\w-]{43}\.[\w-]{22}\.[\w-]{43}$/);
    expect(issued.expiresAt).toBe(T0 + DAY * 1000);
    expect(counter.take()).toEqual({ createEntity: 1 });
    const rows = [];
    for await (const row of refreshClient.listEntities()) rows.push(row);
    expect(JSON.stringify(rows)).not.toContain(issued.token.split('.')[2]);
    expect(rows[0]).toMatchObject({
      CurrentHash: sha256Key(issued.token),
      ClientId: 'spa',
      UserId: 'user-1',
    });
    counter.take();

    const rotated = await refreshTokens.rotate(issued.token, 'spa', T0 + 1000);
    expect(counter.take()).toEqual({ getEntity: 1, updateEntity: 1 });
    expect(rotated.token).not.toBe(issued.token);
    expect(rotated.familyId).toBe(issued.familyId);
    expect(rotated.grant).toEqual(GRANT);
    expect(rotated.expiresAt).toBe(T0 + 1000 + DAY * 1000);
    await expect(refreshTokens.rotate(rotated.token, 'spa', T0 + 2000)).resolves.toBeDefined();
  });

  it('using a rotated token again revokes the whole family', async () => {
    const { refreshTokens } = freshGrantStores();
    const first = await refreshTokens.issue(GRANT, DAY, T0);
    const second = await refreshTokens.rotate(first.token, 'spa', T0 + 1);
    expect(await reason(refreshTokens.rotate(first.token, 'spa', T0 + 2))).toBe('reused');
    // The current token of the family is dead too.
    expect(await reason(refreshTokens.rotate(second.token, 'spa', T0 + 3))).toBe('unknown');
  });

  it('two concurrent rotations of one token: one wins, and the family is revoked', async () => {
    const { refreshTokens } = freshGrantStores();
    const first = await refreshTokens.issue(GRANT, DAY, T0);
    const results = await Promise.allSettled(
      [1, 2].map(() => refreshTokens.rotate(first.token, 'spa', T0 + 1)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ token: string }>).value;
    expect(await reason(refreshTokens.rotate(winner.token, 'spa', T0 + 2))).toBe('unknown');
  });

  it("a token of one client presented by another is invalid_grant, and the owner's still works", async () => {
    const { refreshTokens } = freshGrantStores();
    const issued = await refreshTokens.issue(GRANT, DAY, T0);
    expect(await reason(refreshTokens.rotate(issued.token, 'other-app', T0 + 1))).toBe('other-client');
    await expect(refreshTokens.rotate(issued.token, 'spa', T0 + 2)).resolves.toBeDefined();
  });

  it('expires after the idle lifetime (frozen clock), and at the family end however often used', async () => {
    const { refreshTokens } = freshGrantStores();
    const idle = await refreshTokens.issue(GRANT, 300, T0);
    expect(await reason(refreshTokens.rotate(idle.token, 'spa', T0 + 300_000))).toBe('expired');
    expect(await reason(refreshTokens.rotate(idle.token, 'spa', T0 + 300_001))).toBe('unknown');

    let token = (await refreshTokens.issue(GRANT, 20 * DAY, T0)).token;
    const familyEnd = T0 + MAX_FAMILY_LIFETIME_SECONDS * 1000;
    const nearEnd = await refreshTokens.rotate(token, 'spa', familyEnd - 15 * DAY * 1000);
    expect(nearEnd.expiresAt).toBe(familyEnd); // idle expiry never passes the family's end
    token = nearEnd.token;
    expect(await reason(refreshTokens.rotate(token, 'spa', familyEnd))).toBe('expired');
  });

  it('revokeToken ends the family; unknown and malformed tokens are a no-op', async () => {
    const { refreshTokens } = freshGrantStores();
    const issued = await refreshTokens.issue(GRANT, DAY, T0);
    await refreshTokens.revokeToken('not-a-token');
    await refreshTokens.revokeToken(`${issued.token.slice(0, -4)}AAAA`);
    await expect(refreshTokens.revokeToken(issued.token, 'other-app')).resolves.toBeUndefined();
    const rotated = await refreshTokens.rotate(issued.token, 'spa', T0 + 1);
    await refreshTokens.revokeToken(rotated.token);
    expect(await reason(refreshTokens.rotate(rotated.token, 'spa', T0 + 2))).toBe('unknown');
  });

  it("revokeForUser ends the user's families at that client only", async () => {
    const { refreshTokens } = freshGrantStores();
    const a = await refreshTokens.issue(GRANT, DAY, T0);
    const b = await refreshTokens.issue(GRANT, DAY, T0);
    const other = await refreshTokens.issue({ ...GRANT, clientId: 'other-app' }, DAY, T0);
    const otherUser = await refreshTokens.issue({ ...GRANT, user: { ...USER, id: 'user-2' } }, DAY, T0);
    expect(await refreshTokens.revokeForUser('contoso', 'user-1', 'spa')).toBe(2);
    expect(await reason(refreshTokens.rotate(a.token, 'spa', T0 + 1))).toBe('unknown');
    expect(await reason(refreshTokens.rotate(b.token, 'spa', T0 + 1))).toBe('unknown');
    await expect(refreshTokens.rotate(other.token, 'other-app', T0 + 1)).resolves.toBeDefined();
    await expect(refreshTokens.rotate(otherUser.token, 'spa', T0 + 1)).resolves.toBeDefined();
    expect(await refreshTokens.revokeForUser('contoso', 'nobody', 'spa')).toBe(0);
  });

  it('a family started by a code: a retried redemption replaces it, and the code revokes it', async () => {
    const { refreshTokens } = freshGrantStores();
    const codeId = sha256Key('some code');
    const lost = await refreshTokens.issue(GRANT, DAY, T0, codeId);
    // A retried redemption (the first one's answer lost) replaces the family: the lost token dies.
    const issued = await refreshTokens.issue(GRANT, DAY, T0, codeId);
    expect(issued.familyId).toBe(lost.familyId);
    expect(await reason(refreshTokens.rotate(lost.token, 'spa', T0 + 1))).toBe('unknown');
    await refreshTokens.revokeFamilyOfCode('contoso', 'user-1', codeId);
    expect(await reason(refreshTokens.rotate(issued.token, 'spa', T0 + 1))).toBe('unknown');
  });

  it('sweepExpired deletes expired families only', async () => {
    const { refreshTokens } = freshGrantStores();
    const short = await refreshTokens.issue(GRANT, 300, T0);
    const long = await refreshTokens.issue(GRANT, DAY, T0);
    expect(await refreshTokens.sweepExpired(T0 + 301_000)).toBe(1);
    expect(await reason(refreshTokens.rotate(short.token, 'spa', T0))).toBe('unknown');
    await expect(refreshTokens.rotate(long.token, 'spa', T0 + 302_000)).resolves.toBeDefined();
  });
});
