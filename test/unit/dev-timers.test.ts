import { describe, expect, it } from 'vitest';
import { isDue, parseSchedule } from '../../dev/timers.js';

const at = (iso: string) => new Date(iso);

describe('NCRONTAB schedules', () => {
  it('reads six fields: second minute hour day month weekday, in UTC', () => {
    const daily = parseSchedule('0 30 2 * * *');
    expect(isDue(daily, at('2026-12-01T02:30:00Z'))).toBe(true);
    expect(isDue(daily, at('2026-12-01T02:30:01Z'))).toBe(false);
    expect(isDue(daily, at('2026-12-01T03:30:00Z'))).toBe(false);
  });

  it('supports lists and */n steps', () => {
    const schedule = parseSchedule('*/15 0,30 * 1 12 2');
    expect(isDue(schedule, at('2026-12-01T10:30:45Z'))).toBe(true); // a Tuesday
    expect(isDue(schedule, at('2026-12-01T10:30:44Z'))).toBe(false);
    expect(isDue(schedule, at('2026-12-01T10:15:00Z'))).toBe(false);
    expect(isDue(schedule, at('2026-12-02T10:30:00Z'))).toBe(false);
    expect(isDue(parseSchedule('0 0 0 */2 * *'), at('2026-12-03T00:00:00Z'))).toBe(true);
    expect(isDue(parseSchedule('0 0 0 */2 * *'), at('2026-12-04T00:00:00Z'))).toBe(false);
  });

  it.each([
    ['0 */5 * * *', 'expected 6 fields'],
    ['0 0 0 * * MON', 'weekday "MON" is not *, */n or numbers from 0 to 6'],
    ['0 0-10 * * * *', 'minute "0-10"'],
    ['0 0 24 * * *', 'hour "24"'],
    ['0 */0 * * * *', 'minute "*/0"'],
    ['0 0 0 ? * *', 'day "?"'],
    ['00:05:00', 'expected 6 fields'],
  ])('refuses %j with a clear message', (schedule, message) => {
    expect(() => parseSchedule(schedule)).toThrow(`schedule "${schedule}": ${message}`);
  });
});
