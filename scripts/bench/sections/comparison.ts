import { median, pairedRatios, ratio } from '../lib/stats.js';

/** One A-versus-B comparison: the per-round figures of both sides and what is concluded from them. */
export interface Comparison {
  a: number[];
  b: number[];
  aMedian: number;
  bMedian: number;
  /** median(a) / median(b). */
  ratio: number;
  /** The median of the per-round ratios a[i] / b[i] (each pair ran back to back). */
  pairedRatio: number;
}

export function compare(a: number[], b: number[]): Comparison {
  const aMedian = median(a);
  const bMedian = median(b);
  return { a, b, aMedian, bMedian, ratio: ratio(aMedian, bMedian), pairedRatio: median(pairedRatios(a, b)) };
}
