/**
 * A cache's entries in two least-recently-used maps, each with its own bound: entries that hold a
 * value worth keeping, and the others (a negative answer such as "no such site", or no value yet
 * because the key is loading or its backend fails). Keys that exist nowhere, however many are asked
 * for, then only push out each other, never a key that has a value; and a value in use stays while
 * values nobody asks for any more leave first.
 * A Map iterates in insertion order, so re-inserting a key on each use keeps the least recently
 * used first: eviction and use are O(1).
 */
export class CacheEntries<K, E> {
  readonly #kept = new Map<K, E>();
  readonly #others = new Map<K, E>();
  readonly #maxKept: number;
  readonly #maxOthers: number;

  constructor(maxKept: number, maxOthers: number) {
    this.#maxKept = maxKept;
    this.#maxOthers = maxOthers;
  }

  /** The key's entry, marked as just used. */
  use(key: K): E | undefined {
    for (const map of [this.#kept, this.#others]) {
      const entry = map.get(key);
      if (entry === undefined) continue;
      map.delete(key);
      map.set(key, entry);
      return entry;
    }
    return undefined;
  }

  /** A new key's entry, among the others until it holds a value worth keeping. */
  add(key: K, entry: E): void {
    this.#others.set(key, entry);
    this.#trim(this.#others, this.#maxOthers);
  }

  /**
   * Files the entry where its value now belongs (kept or not). An entry that was evicted while its
   * load ran comes back, so a slow first read under a flood of other keys is not lost; unless the
   * key got a newer entry meanwhile, which then stays.
   */
  place(key: K, entry: E, kept: boolean): void {
    const current = this.#kept.get(key) ?? this.#others.get(key);
    if (current !== undefined && current !== entry) return;
    this.#kept.delete(key);
    this.#others.delete(key);
    const [map, max] = kept ? [this.#kept, this.#maxKept] : [this.#others, this.#maxOthers];
    map.set(key, entry);
    this.#trim(map, max);
  }

  #trim(map: Map<K, E>, max: number): void {
    while (map.size > max) {
      const oldest = map.keys().next();
      if (oldest.done) return;
      map.delete(oldest.value);
    }
  }
}
