import type { SettingsTable } from '../../../shared/settings/settings-table.js';
import { settle } from './fake-backend.js';

/**
 * Counts the site reads that reach the table, with the simulated time of each and how long each
 * really took, and lets a test wait for reads running in the background.
 */
export class CountingTable {
  /** The injected clock's time at each read. */
  readonly readTimes: number[] = [];
  /** Real milliseconds each finished read took. */
  readonly durations: number[] = [];
  readonly #pending = new Set<Promise<unknown>>();

  constructor(
    private readonly table: Pick<SettingsTable, 'readSite'>,
    private readonly clock: { now: number },
  ) {}

  get reads(): number {
    return this.readTimes.length;
  }

  readSite(siteId: string) {
    this.readTimes.push(this.clock.now);
    const started = performance.now();
    const read = this.table.readSite(siteId);
    const tracked: Promise<unknown> = read
      .catch(() => undefined)
      .finally(() => {
        this.durations.push(performance.now() - started);
        this.#pending.delete(tracked);
      });
    this.#pending.add(tracked);
    return read;
  }

  /** Waits until no read is running, and the cache has taken in their results. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    await settle();
  }
}
