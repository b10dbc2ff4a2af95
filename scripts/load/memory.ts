/**
 * Memory of the host under load, and whether it stayed flat. Two views:
 *
 * - the 250 ms samples: mean of the last quarter of the run against the first (rss, heapUsed);
 * - after a full GC at the start and at the end of the run: what is still in use (rss, heapUsed,
 *   and external: Buffers and other memory JS objects hold outside the heap).
 *
 * The verdict is heapUsed and external after GC, each within +15%. Over a 10-20 s run a quarter
 * spans one or two GC cycles, so where it falls in V8's sawtooth (heapUsed swings 25-85 MB here
 * under load) moves its mean by up to +90% with no leak at all (measured); after a full GC only
 * what is still referenced remains, which is what a leak grows: a few hundred bytes a request
 * would be several MB over 20,000 requests, against a live heap that stays within 1%. RSS is
 * reported, not judged: even after GC it climbs 8-15% over the first tens of thousands of
 * requests while the allocator and socket buffers settle, then stays put (100,000 requests:
 * +8%), so at 20,000 requests it straddles any threshold that would still catch a leak.
 */

export interface MemoryReading {
  rss: number;
  heapUsed: number;
  external: number;
}

export interface MemorySample extends MemoryReading {
  /** ms since the sampling started. */
  at: number;
}

/** The end may be at most this much above the start. */
export const FLAT_TOLERANCE = 0.15;
/** Fewer samples than this cannot tell a trend from noise. */
export const MIN_SAMPLES = 8;

export interface Growth {
  first: number;
  last: number;
  /** last / first - 1. */
  growth: number;
  flat: boolean;
}

export function growth(first: number, last: number): Growth {
  const ratio = last / first - 1;
  return { first, last, growth: ratio, flat: ratio <= FLAT_TOLERANCE };
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

export function quarterGrowth(values: readonly number[]): Growth {
  if (values.length < MIN_SAMPLES)
    throw new Error(`${values.length} memory samples; at least ${MIN_SAMPLES} are needed`);
  const quarter = Math.floor(values.length / 4);
  return growth(mean(values.slice(0, quarter)), mean(values.slice(values.length - quarter)));
}

export interface MemoryVerdict {
  samples: number;
  quarters: { rss: Growth; heapUsed: Growth };
  afterGc: { rss: Growth; heapUsed: Growth; external: Growth };
  flat: boolean;
}

export function memoryVerdict(
  samples: readonly MemorySample[],
  start: MemoryReading,
  end: MemoryReading,
): MemoryVerdict {
  const afterGc = {
    rss: growth(start.rss, end.rss),
    heapUsed: growth(start.heapUsed, end.heapUsed),
    external: growth(start.external, end.external),
  };
  return {
    samples: samples.length,
    quarters: {
      rss: quarterGrowth(samples.map((sample) => sample.rss)),
      heapUsed: quarterGrowth(samples.map((sample) => sample.heapUsed)),
    },
    afterGc,
    flat: afterGc.heapUsed.flat && afterGc.external.flat,
  };
}
