import { describe, expect, it } from 'vitest';
import type { CertificateVersionInfo } from '../../../shared/certs/signing-key.js';
import { parseRotationLeadTime, versionStates } from '../../../shared/keys/version-states.js';

const T0 = Date.parse('2026-06-01T00:00:00Z');
const HOUR = 3_600_000;
const LEAD = 86_400;
const at = (hours: number) => new Date(T0 + hours * HOUR);

function version(name: string, createdHours: number, extra: Partial<CertificateVersionInfo> = {}) {
  return {
    version: name,
    thumbprint: name.toUpperCase().padEnd(40, '0'),
    enabled: true,
    createdOn: at(createdHours),
    notBefore: at(createdHours - 1),
    expiresOn: at(createdHours + 24 * 365),
    ...extra,
  };
}

const states = (list: CertificateVersionInfo[], hours: number, lead = LEAD) =>
  versionStates(list, lead, at(hours)).versions.map((v) => [v.version, v.state, v.changesAt?.toISOString()]);

describe('versionStates', () => {
  const v1 = version('a1', -1000);
  const v2 = version('b2', 0);

  it('a new version is upcoming until the lead time has passed, then signs; the old one is previous for 3900 s', () => {
    expect(states([v1, v2], 1)).toEqual([
      ['a1', 'signing', at(24).toISOString()],
      ['b2', 'upcoming', at(24).toISOString()],
    ]);
    expect(states([v1, v2], 24)).toEqual([
      ['a1', 'previous', new Date(at(24).getTime() + 3_900_000).toISOString()],
      ['b2', 'signing', v2.expiresOn.toISOString()],
    ]);
    expect(states([v1, v2], 25.08)[0]?.[1]).toBe('previous');
    expect(states([v1, v2], 24 + 3900 / 3600)).toEqual([
      ['a1', 'retired', undefined],
      ['b2', 'signing', v2.expiresOn.toISOString()],
    ]);
  });

  it('lead time 0 signs a new version at once', () => {
    expect(states([v1, v2], 0, 0).map((s) => s[1])).toEqual(['previous', 'signing']);
  });

  it('a disabled version never signs and is not published; the one before it keeps signing', () => {
    const disabled = { ...v2, enabled: false };
    expect(states([v1, disabled], 48).map((s) => s.slice(0, 2))).toEqual([
      ['a1', 'signing'],
      ['b2', 'retired'],
    ]);
    expect(versionStates([v1, disabled], LEAD, at(48)).versions[1]?.note).toBe('disabled');
  });

  it('an expired version never signs; a first certificate signs at once without waiting for the lead time', () => {
    const expired = version('a1', -1000, { expiresOn: at(-1) });
    expect(states([expired, v2], 0).map((s) => s.slice(0, 2))).toEqual([
      ['a1', 'previous'],
      ['b2', 'signing'],
    ]);
    expect(states([v2], 0).map((s) => s.slice(0, 2))).toEqual([['b2', 'signing']]);
  });

  it('nothing signs when every version is disabled or expired', () => {
    const plan = versionStates(
      [
        { ...v1, expiresOn: at(-10) },
        { ...v2, enabled: false },
      ],
      LEAD,
      at(0),
    );
    expect(plan.signing).toBeUndefined();
  });

  it('the lead time setting: whole seconds, 0 allowed, default one day, capped at 90 days', () => {
    expect(parseRotationLeadTime(undefined)).toBe(86_400);
    expect(parseRotationLeadTime('0')).toBe(0);
    expect(parseRotationLeadTime(' 600 ')).toBe(600);
    expect(parseRotationLeadTime('-5')).toBe(86_400);
    expect(parseRotationLeadTime('1.5')).toBe(86_400);
    expect(parseRotationLeadTime('99999999')).toBe(90 * 86_400);
  });
});
