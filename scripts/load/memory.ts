import type { MemoryReading } from '../lib/server-process.js';

/**
 * Whether the host's memory stayed flat under load: what is still in use after a full GC at the
 * start and at the end of the run. Judged: heapUsed and external (Buffers and other memory JS
 * objects hold outside the heap), each within +15%. Samples taken during the run are no measure:
 * where they fall in V8's sawtooth (heapUsed swings 25-85 MB here under load) moves a quarter's mean
 * by up to +90% with no leak at all (measured). After a full GC only what is still referenced
 * remains, which is what a leak grows: a few hundred bytes a request would be several MB over
 * 20,000 requests, against a live heap that stays within 1%. RSS is reported, not judged: even
 * after GC it climbs 8-15% over the first tens of thousands of requests while the allocator and
 * socket buffers settle, then stays put (100,000 requests: +8%), so at 20,000 requests it straddles
 * any threshold that would still catch a leak.
 */
export const FLAT_TOLERANCE = 0.15;

export function memoryGrowth(start: MemoryReading, end: MemoryReading) {
  const growth = (name: keyof MemoryReading, judged: boolean) => {
    const change = end[name] / start[name] - 1;
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const line = `${name.padEnd(8)}: start ${mb(start[name])}, end ${mb(end[name])} (${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%)`;
    const flat = change <= FLAT_TOLERANCE;
    return {
      flat: flat || !judged,
      line: judged ? `* ${line} ${flat ? 'flat' : `NOT FLAT (over +${FLAT_TOLERANCE * 100}%)`}` : `  ${line}`,
    };
  };
  const lines = [growth('rss', false), growth('heapUsed', true), growth('external', true)];
  return { flat: lines.every((line) => line.flat), lines: lines.map((line) => line.line) };
}
