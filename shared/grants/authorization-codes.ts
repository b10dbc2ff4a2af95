import { odata } from '@azure/data-tables';
import { InvalidGrantError } from './grant-errors.js';
import type { GrantTable } from './grant-table.js';
import { BASE64URL_43, randomSecret, sha256Key } from './secrets.js';
import { type GrantColumns, grantColumns, grantOfColumns, type StoredGrant } from './stored-grant.js';

/** What a code stands for: everything the token request is checked against and the tokens carry. */
export interface CodeGrant extends StoredGrant {
  redirectUri: string;
  /** The PKCE S256 challenge (RFC 7636 4.2), base64url of SHA-256 of the verifier. */
  codeChallenge: string;
  nonce: string | undefined;
}

/** A redeemed code: its grant, and its id (the hash), which names the refresh family it starts. */
export interface RedeemedCode extends CodeGrant {
  codeId: string;
}

/** RFC 6749 4.1.2 recommends at most 10 minutes; a browser redirect and one POST need seconds. */
export const CODE_LIFETIME_MS = 60_000;
/**
 * How long a redeemed code's row stays (from issue) so a second redemption is recognised as reuse
 * and revokes what the code produced, rather than looking like an unknown code.
 */
export const CODE_TOMBSTONE_MS = 10 * 60_000;
const ROW_KEY = 'code';

interface CodeEntity extends GrantColumns {
  RedirectUri: string;
  CodeChallenge: string;
  Nonce?: string;
  ExpiresAt: number;
  /** When the row may be deleted: expired, and past the time a reuse would still be noticed. */
  PurgeAt: number;
  Redeemed: boolean;
}

function grantOf(row: CodeEntity, codeId: string): RedeemedCode | undefined {
  const grant = grantOfColumns(row);
  if (!grant) return undefined;
  return {
    ...grant,
    codeId,
    redirectUri: row.RedirectUri,
    codeChallenge: row.CodeChallenge,
    nonce: typeof row.Nonce === 'string' && row.Nonce !== '' ? row.Nonce : undefined,
  };
}

/**
 * Authorization codes in their own table (any instance redeems a code another issued).
 *
 * API (services.codes; `now` is milliseconds since the epoch, default Date.now()):
 * - issue(grant, now?): Promise<string> (the code)
 * - redeem(code, now?): Promise<RedeemedCode>; refusals throw InvalidGrantError
 * - unredeem(codeId): Promise<void>; sweepExpired(now?): Promise<number>
 *
 * - A code is 256 random bits, base64url; only its SHA-256 is stored, as the PartitionKey (one
 *   row per partition, RowKey `code`), so a point read finds it and a leaked table holds no code.
 * - issue: one insert. redeem: one read, then one update conditional on the row's ETag that marks
 *   it redeemed; of concurrent redemptions exactly one update succeeds (the rest get 412).
 * - The redeemed row stays as a tombstone until PurgeAt (issue + 10 min), so a second redemption
 *   is told apart from an unknown code and the caller can revoke what the first one produced.
 * - Cleanup: on read (an expired or purgeable row found by redeem is deleted), and sweepExpired()
 *   for codes nobody presents again (run it from a timer; one filtered query, then deletes).
 */
export class AuthorizationCodeStore {
  constructor(readonly table: GrantTable) {}

  /** Stores the grant and returns the code to send to the client. */
  async issue(grant: CodeGrant, now: number = Date.now()): Promise<string> {
    const code = randomSecret();
    const entity: CodeEntity & { partitionKey: string; rowKey: string } = {
      partitionKey: sha256Key(code),
      rowKey: ROW_KEY,
      ...grantColumns(grant),
      RedirectUri: grant.redirectUri,
      CodeChallenge: grant.codeChallenge,
      ...(grant.nonce === undefined ? {} : { Nonce: grant.nonce }),
      ExpiresAt: now + CODE_LIFETIME_MS,
      PurgeAt: now + CODE_TOMBSTONE_MS,
      Redeemed: false,
    };
    const result = await this.table.insert(entity);
    // 256 random bits do not collide; a conflict means something is badly wrong, so fail loudly.
    if (typeof result === 'string') throw new Error(`storing an authorization code: ${result}`);
    return code;
  }

  /**
   * Redeems a code once. Throws InvalidGrantError for a malformed, unknown, expired or already
   * redeemed code (with `reusedCode` set for the last), GrantStoreUnavailableError on a fault.
   * The caller still checks the client, redirect URI and verifier against the returned grant.
   */
  async redeem(code: string, now: number = Date.now()): Promise<RedeemedCode> {
    if (!BASE64URL_43.test(code)) throw new InvalidGrantError('malformed', 'the code is malformed');
    const codeId = sha256Key(code);
    const row = await this.table.get<CodeEntity>(codeId, ROW_KEY);
    if (typeof row === 'string') throw new InvalidGrantError('unknown', 'the code is unknown');
    const grant = grantOf(row, codeId);
    if (!grant || now >= row.PurgeAt) {
      await this.table.delete(codeId, ROW_KEY, row.etag);
      throw new InvalidGrantError('unknown', 'the code is unknown or long expired');
    }
    const reused = () =>
      new InvalidGrantError('reused', 'the code was already redeemed', {
        siteId: grant.siteId,
        userId: grant.user.id,
        codeId,
      });
    if (row.Redeemed) throw reused();
    if (now >= row.ExpiresAt) {
      await this.table.delete(codeId, ROW_KEY, row.etag);
      throw new InvalidGrantError('expired', 'the code has expired');
    }
    const marked = await this.table.update(
      { partitionKey: codeId, rowKey: ROW_KEY, Redeemed: true },
      row.etag,
    );
    if (marked === 'precondition-failed' || marked === 'not-found') throw reused();
    return grant;
  }

  /**
   * Puts a redeemed code back, when what should have followed its redemption could not be
   * stored (the client then retries with the same code). Best effort: a fault here leaves the
   * code redeemed, which only costs the client a new sign-in.
   */
  async unredeem(codeId: string): Promise<void> {
    await this.table
      .update({ partitionKey: codeId, rowKey: ROW_KEY, Redeemed: false })
      .catch(() => undefined);
  }

  /** Deletes every row past its PurgeAt; returns how many. For a timer: one filtered query. */
  async sweepExpired(now: number = Date.now()): Promise<number> {
    return this.table.deleteMatching(odata`PurgeAt lt ${now}`);
  }
}
