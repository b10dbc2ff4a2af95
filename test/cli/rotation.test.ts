import { describe, expect, it } from 'vitest';
import {
  acceptedUntil,
  activate,
  formatPrevious,
  parsePrevious,
  parseUpcoming,
  publish,
  publishedThumbprints,
  RotationError,
  type RotationState,
  retire,
} from '../../shared/settings/rotation.js';

const A = 'A'.repeat(40);
const B = 'B'.repeat(40);
const C = 'C'.repeat(40);
const T0 = new Date('2026-01-01T00:00:00.000Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('rotation lists', () => {
  it('parses Upcoming leniently (case, separators, duplicates) and reports what is not a thumbprint', () => {
    expect(parseUpcoming(` ${A.toLowerCase()} ; ${A};bb:${'B'.repeat(38)};nope`)).toEqual({
      items: [A, B],
      invalid: ['nope'],
    });
    expect(parseUpcoming(undefined)).toEqual({ items: [], invalid: [] });
  });

  it('parses and formats Previous entries, keeping the latest retirement of a thumbprint', () => {
    const parsed = parsePrevious(
      `${A}@2026-01-01T00:00:00.000Z;${A}@2026-01-02T00:00:00Z;${B}@yesterday;${C}`,
    );
    expect(parsed.items).toEqual([{ thumbprint: A, retiredAt: new Date('2026-01-02T00:00:00Z') }]);
    expect(parsed.invalid).toEqual([`${B}@yesterday`, C]);
    expect(formatPrevious(parsed.items)).toBe(`${A}@2026-01-02T00:00:00.000Z`);
  });

  it('keeps a retired key accepted for 3600 s', () => {
    expect(acceptedUntil({ thumbprint: A, retiredAt: T0 })).toEqual(later(3600));
  });
});

describe('rotation transitions', () => {
  const start: RotationState = { active: A, upcoming: [], previous: [] };

  it('publish, activate, retire: every key that can have signed a valid token stays published', () => {
    const published = publish(start, B);
    expect(published.state.upcoming).toEqual([B]);
    expect(publishedThumbprints(published.state, T0)).toEqual([A, B]);

    const activated = activate(published.state, B, T0);
    expect(activated.warnings).toEqual([]);
    expect(activated.state).toEqual({
      active: B,
      upcoming: [],
      previous: [{ thumbprint: A, retiredAt: T0 }],
    });
    expect(publishedThumbprints(activated.state, later(3599))).toEqual([B, A]);
    expect(publishedThumbprints(activated.state, later(3600))).toEqual([B]);

    expect(() => retire(activated.state, A, later(3599))).toThrow(RotationError);
    expect(retire(activated.state, A, later(3600)).state.previous).toEqual([]);
  });

  it('warns when a key is activated without being published, or when no key was active', () => {
    expect(activate(start, B, T0).warnings[0]).toContain('was not published first');
    const fromDefault = activate({ active: undefined, upcoming: [B], previous: [] }, B, T0);
    expect(fromDefault.warnings[0]).toContain('the default certificate could not be looked up');
    expect(fromDefault.state.previous).toEqual([]);
    const known = activate({ active: undefined, upcoming: [B], previous: [] }, B, T0, A);
    expect(known.warnings).toEqual([]);
    expect(known.state.previous).toEqual([{ thumbprint: A, retiredAt: T0 }]);
  });

  it('re-activating a previous key takes it out of Previous', () => {
    const state: RotationState = { active: B, upcoming: [], previous: [{ thumbprint: A, retiredAt: T0 }] };
    const back = activate(state, A, later(10));
    expect(back.state).toEqual({
      active: A,
      upcoming: [],
      previous: [{ thumbprint: B, retiredAt: later(10) }],
    });
  });

  it('is idempotent: publishing or activating twice changes nothing', () => {
    expect(publish(start, A).changed).toBe(false);
    expect(publish({ ...start, upcoming: [B] }, B).changed).toBe(false);
    expect(activate(start, A, T0).changed).toBe(false);
  });

  it('refuses to retire the active key or an unknown one; --force retires early with a warning', () => {
    expect(() => retire(start, A, T0)).toThrow(expect.objectContaining({ reason: 'is-active' }));
    expect(() => retire(start, C, T0)).toThrow(expect.objectContaining({ reason: 'not-listed' }));
    const state: RotationState = { active: B, upcoming: [], previous: [{ thumbprint: A, retiredAt: T0 }] };
    expect(() => retire(state, A, later(60))).toThrow(expect.objectContaining({ reason: 'in-grace' }));
    const forced = retire(state, A, later(60), { force: true });
    expect(forced.state.previous).toEqual([]);
    expect(forced.warnings[0]).toContain('retired early');
  });

  it('retires an upcoming key that never signed at once', () => {
    expect(retire({ ...start, upcoming: [C] }, C, T0).state.upcoming).toEqual([]);
  });
});
