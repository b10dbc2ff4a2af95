import { describe, expect, it } from 'vitest';
import { StsError } from '../../../shared/errors/sts-error.js';
import { SignLimiter } from '../../../shared/keys/sign-limiter.js';

const never = () => new Promise<never>(() => {});
const hour = () => AbortSignal.timeout(3_600_000);

describe('SignLimiter', () => {
  it('runs up to its bound at once and queues the rest in order', async () => {
    const limiter = new SignLimiter(2);
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const task = (n: number) => () =>
      new Promise<void>((resolve) => {
        order.push(n);
        releases.push(resolve);
      });
    const runs = [1, 2, 3, 4].map((n) => limiter.run(hour(), task(n)));
    await Promise.resolve();
    expect([limiter.inFlight, limiter.queued, order]).toEqual([2, 2, [1, 2]]);
    releases[0]?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(order).toEqual([1, 2, 3]);
    for (const release of releases) release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const release of releases) release();
    await Promise.all(runs);
    expect([limiter.inFlight, limiter.queued, order]).toEqual([0, 0, [1, 2, 3, 4]]);
  });

  it('a caller still in line at its deadline gets PortalSTS0011 with Retry-After: 1, and leaves the line', async () => {
    const limiter = new SignLimiter(1);
    void limiter.run(hour(), never);
    const error = await limiter.run(AbortSignal.timeout(50), never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StsError);
    expect((error as StsError).id).toBe('PortalSTS0011');
    expect((error as StsError).headers).toEqual({ 'Retry-After': '1' });
    expect([limiter.inFlight, limiter.queued]).toEqual([1, 0]);
  });

  it('frees the slot when a task fails', async () => {
    const limiter = new SignLimiter(1);
    await expect(limiter.run(hour(), () => Promise.reject(new Error('vault said no')))).rejects.toThrow();
    expect(await limiter.run(hour(), async () => 'next')).toBe('next');
    expect(limiter.inFlight).toBe(0);
  });
});
