import { odata } from '@azure/data-tables';
import { InvalidGrantError } from './grant-errors.js';
import type { GrantTable } from './grant-table.js';
import {
  randomId,
  randomSecret,
  readRefreshToken,
  refreshFamilyForCode,
  sha256Key,
  userPartition,
} from './secrets.js';
import { type GrantColumns, grantColumns, grantOfColumns, type StoredGrant } from './stored-grant.js';

/** A family ends this long after it started, however often it rotates. */
export const MAX_FAMILY_LIFETIME_SECONDS = 30 * 86_400;
/** Earlier tokens of a family remembered to recognise their reuse; older ones are just unknown. */
const REMEMBERED_TOKENS = 50;

interface FamilyEntity extends GrantColumns {
  UserId: string;
  /** SHA-256 of the one token that may be used now. */
  CurrentHash: string;
  /** SHA-256 of earlier tokens, newest first, space-separated. */
  PreviousHashes: string;
  IdleSeconds: number;
  IdleExpiresAt: number;
  FamilyExpiresAt: number;
}

/**
 * Refresh tokens in their own table, one row per family (a sign-in and all its rotations).
 *
 * API (services.refreshTokens; `now` is milliseconds since the epoch, default Date.now()):
 * - issue(grant, idleSeconds, now?, codeId?): Promise<{ token, familyId, expiresAt }>
 * - rotate(presentedToken, clientId, now?, siteId?): Promise<{ token, familyId, expiresAt, grant }>
 * - revokeToken(presentedToken, clientId?): Promise<void>; unknown or malformed: a no-op
 * - revokeForUser(siteId, userId, clientId): Promise<number> (families ended)
 * - revokeFamilyOfCode(siteId, userId, codeId): Promise<void>
 * - sweepExpired(now?): Promise<number>
 * Refusals throw InvalidGrantError, Table faults GrantStoreUnavailableError (grant-errors.ts).
 *
 * Keys: PartitionKey = SHA-256 of site id and user id (secrets.ts), so one partition
 * holds a user's families of a site and sign-out revokes them with one partition query; RowKey =
 * the family id. The token is `<partition>.<family>.<secret>`: opaque to clients, 256 random bits,
 * and only its SHA-256 is stored (CurrentHash).
 *
 * - issue: one insert. rotate: one read, one update conditional on the ETag.
 * - A token that was current once but has been rotated (PreviousHashes), or a rotation that loses
 *   a race with another, revokes the whole family (RFC 9700 4.14.2).
 * - Revocation deletes the family row. Expired families are deleted when read; sweepExpired()
 *   deletes the rest (run it from a timer).
 */
export class RefreshTokenStore {
  constructor(readonly table: GrantTable) {}

  /**
   * Starts a family. `codeId` (the redeemed code's id) names the family after the code, so a
   * reused code can revoke what it produced (revokeFamilyOfCode) without a lookup. The token
   * expires when unused for `idleSeconds` (ImplicitGrantFlow/RefreshTokenLifetime); `expiresAt`
   * (milliseconds since the epoch) is that idle expiry, never past the family's end.
   */
  async issue(grant: StoredGrant, idleSeconds: number, now: number = Date.now(), codeId?: string) {
    const partition = userPartition(grant.siteId, grant.user.id);
    const familyId = codeId === undefined ? randomId() : refreshFamilyForCode(codeId);
    const secret = randomSecret();
    const token = `${partition}.${familyId}.${secret}`;
    const familyExpiresAt = now + MAX_FAMILY_LIFETIME_SECONDS * 1000;
    const expiresAt = Math.min(now + idleSeconds * 1000, familyExpiresAt);
    const entity: FamilyEntity & { partitionKey: string; rowKey: string } = {
      partitionKey: partition,
      rowKey: familyId,
      ...grantColumns(grant),
      UserId: grant.user.id,
      CurrentHash: sha256Key(token),
      PreviousHashes: '',
      IdleSeconds: idleSeconds,
      IdleExpiresAt: expiresAt,
      FamilyExpiresAt: familyExpiresAt,
    };
    let result = await this.table.insert(entity);
    // A family named after a code exists only when an earlier redemption of it stored the family
    // but failed after (its answer lost, the redemption undone): nobody got that token. Only the
    // redemption's winner gets here, so the retry's family replaces it.
    if (result === 'conflict' && codeId !== undefined)
      result = await this.table.run('replace', (abortSignal) =>
        this.table.client.upsertEntity(entity, 'Replace', { abortSignal }),
      );
    if (typeof result === 'string') throw new Error(`storing a refresh token: ${result}`);
    return { token, familyId, expiresAt };
  }

  /**
   * Uses a refresh token once: returns its grant and the token that replaces it. Throws
   * InvalidGrantError when the token is malformed, unknown, expired, revoked, of another client
   * (or, when `siteId` is given, of another site), or already rotated (which also revokes its
   * family); GrantStoreUnavailableError on a fault.
   */
  async rotate(presentedToken: string, clientId: string, now: number = Date.now(), siteId?: string) {
    const parts = readRefreshToken(presentedToken);
    if (!parts) throw new InvalidGrantError('malformed', 'the refresh token is malformed');
    const row = await this.table.get<FamilyEntity>(parts.partition, parts.familyId);
    if (typeof row === 'string')
      throw new InvalidGrantError('unknown', 'the refresh token is unknown or revoked');
    const hash = sha256Key(presentedToken);
    if (row.CurrentHash !== hash) {
      if (!row.PreviousHashes.split(' ').includes(hash))
        throw new InvalidGrantError('unknown', 'the refresh token is unknown');
      await this.table.delete(parts.partition, parts.familyId);
      throw new InvalidGrantError('reused', 'a rotated refresh token was used again; its family is revoked');
    }
    if (now >= row.IdleExpiresAt || now >= row.FamilyExpiresAt) {
      await this.table.delete(parts.partition, parts.familyId, row.etag);
      throw new InvalidGrantError('expired', 'the refresh token has expired');
    }
    if (siteId !== undefined && row.SiteId !== siteId)
      throw new InvalidGrantError('other-client', "the refresh token is another site's");
    if (row.ClientId !== clientId)
      throw new InvalidGrantError('other-client', "the refresh token is another client's");
    const grant = grantOfColumns(row);
    if (!grant) throw new InvalidGrantError('unknown', 'the refresh token row is unreadable');

    const token = `${parts.partition}.${parts.familyId}.${randomSecret()}`;
    const expiresAt = Math.min(now + row.IdleSeconds * 1000, row.FamilyExpiresAt);
    const previous = [hash, ...row.PreviousHashes.split(' ').filter(Boolean)].slice(0, REMEMBERED_TOKENS);
    const updated = await this.table.update(
      {
        partitionKey: parts.partition,
        rowKey: parts.familyId,
        CurrentHash: sha256Key(token),
        PreviousHashes: previous.join(' '),
        IdleExpiresAt: expiresAt,
      },
      row.etag,
    );
    if (updated === 'not-found') throw new InvalidGrantError('unknown', 'the refresh token was revoked');
    if (typeof updated === 'string') {
      // Another request rotated this same token first: the token was used twice.
      await this.table.delete(parts.partition, parts.familyId);
      throw new InvalidGrantError(
        'reused',
        'the refresh token was used twice at once; its family is revoked',
      );
    }
    return { token, familyId: parts.familyId, expiresAt, grant };
  }

  /**
   * Ends the family of a token that is or was part of it (RFC 7009 2.1). An unknown or malformed
   * token is a no-op. With `clientId`, a token of another client is left alone.
   */
  async revokeToken(presentedToken: string, clientId?: string): Promise<void> {
    const parts = readRefreshToken(presentedToken);
    if (!parts) return;
    const row = await this.table.get<FamilyEntity>(parts.partition, parts.familyId);
    if (typeof row === 'string') return;
    const hash = sha256Key(presentedToken);
    if (row.CurrentHash !== hash && !row.PreviousHashes.split(' ').includes(hash)) return;
    if (clientId !== undefined && row.ClientId !== clientId) return;
    await this.table.delete(parts.partition, parts.familyId);
  }

  /** Ends every family of the user at this client (sign-out); returns how many. */
  async revokeForUser(siteId: string, userId: string, clientId: string): Promise<number> {
    const partition = userPartition(siteId, userId);
    return this.table.deleteMatching(odata`PartitionKey eq ${partition} and ClientId eq ${clientId}`);
  }

  /** Ends the family a (reused) authorization code started, if it started one. */
  async revokeFamilyOfCode(siteId: string, userId: string, codeId: string): Promise<void> {
    await this.table.delete(userPartition(siteId, userId), refreshFamilyForCode(codeId));
  }

  /** Deletes every family past its idle or absolute expiry; returns how many. */
  async sweepExpired(now: number = Date.now()): Promise<number> {
    return this.table.deleteMatching(odata`IdleExpiresAt lt ${now} or FamilyExpiresAt lt ${now}`);
  }
}
