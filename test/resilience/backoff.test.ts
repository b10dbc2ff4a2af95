import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../shared/resilience/backoff.js';

describe('backoffDelayMs', () => {
  it('doubles from 1 s and stops at 30 s, the same every time (no jitter)', () => {
    const delays = Array.from({ length: 8 }, (_, i) => backoffDelayMs(DEFAULT_BACKOFF, i + 1));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('is 0 before any failure and stays finite however long an outage lasts', () => {
    expect(backoffDelayMs(DEFAULT_BACKOFF, 0)).toBe(0);
    expect(backoffDelayMs(DEFAULT_BACKOFF, 1_000_000)).toBe(30_000);
  });
});
