import type { TableClient, TableEntity, TableEntityResult } from '@azure/data-tables';
import { GrantStoreUnavailableError } from './grant-errors.js';

/**
 * The most one Table operation may take, SDK retries included: a token request waits on it, so a
 * hung Table service must cost seconds (then a 503), not the host's timeout.
 */
const GRANT_OPERATION_TIMEOUT_MS = 5_000;

type TableAnswer = 'not-found' | 'conflict' | 'precondition-failed';

/**
 * One grant table: created on first use (once per instance; retried after a failure), every
 * operation bounded by a deadline, and every failure sorted into an answer (404, 409, 412) or
 * GrantStoreUnavailableError.
 */
export class GrantTable {
  #ready: Promise<void> | undefined;

  constructor(readonly client: TableClient) {}

  /** Creates the table when missing (the SDK treats "already exists" as success). */
  ensure(): Promise<void> {
    if (!this.#ready) {
      this.#ready = this.client
        .createTable({ abortSignal: AbortSignal.timeout(GRANT_OPERATION_TIMEOUT_MS) })
        .catch((cause: unknown) => {
          this.#ready = undefined;
          throw new GrantStoreUnavailableError('creating the table', cause);
        });
    }
    return this.#ready;
  }

  /** Runs one operation; resolves to its result, or to the answer the service gave. */
  async run<T>(operation: string, call: (abortSignal: AbortSignal) => Promise<T>): Promise<T | TableAnswer> {
    await this.ensure();
    try {
      return await call(AbortSignal.timeout(GRANT_OPERATION_TIMEOUT_MS));
    } catch (cause) {
      // The SDK's RestError carries the HTTP status; a timeout or a refused connection has none.
      const status = (cause as { statusCode?: unknown } | null)?.statusCode;
      if (status === 404) return 'not-found';
      if (status === 409) return 'conflict';
      if (status === 412) return 'precondition-failed';
      throw new GrantStoreUnavailableError(operation, cause);
    }
  }

  get<T extends object>(partitionKey: string, rowKey: string) {
    return this.run<TableEntityResult<T>>('read', (abortSignal) =>
      this.client.getEntity<T>(partitionKey, rowKey, { abortSignal }),
    );
  }

  insert<T extends object>(entity: TableEntity<T>) {
    return this.run('insert', (abortSignal) => this.client.createEntity(entity, { abortSignal }));
  }

  /** Merges properties into the entity while it exists; with an ETag only while it still has it. */
  update<T extends object>(entity: TableEntity<T>, etag = '*') {
    return this.run('conditional update', (abortSignal) =>
      this.client.updateEntity(entity, 'Merge', { etag, abortSignal }),
    );
  }

  /** Deletes the entity; with an ETag only while it still has it. */
  delete(partitionKey: string, rowKey: string, etag = '*') {
    return this.run('delete', (abortSignal) =>
      this.client.deleteEntity(partitionKey, rowKey, { etag, abortSignal }),
    );
  }

  /**
   * Deletes the entities matching a filter; returns how many this call deleted. Each delete is
   * conditional on the ETag read, so a row changed meanwhile (a rotation) is left alone.
   */
  async deleteMatching(filter: string): Promise<number> {
    // Read in full first (callers keep the filter narrow), then delete.
    const rows = await this.run('query', async (abortSignal) => {
      const found: Array<TableEntityResult<object>> = [];
      for await (const row of this.client.listEntities({ queryOptions: { filter }, abortSignal }))
        found.push(row);
      return found;
    });
    if (typeof rows === 'string') return 0;
    let deleted = 0;
    for (const row of rows) {
      if (row.partitionKey === undefined || row.rowKey === undefined) continue;
      if (typeof (await this.delete(row.partitionKey, row.rowKey, row.etag ?? '*')) !== 'string') deleted++;
    }
    return deleted;
  }
}
