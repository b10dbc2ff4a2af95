import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config.js';

const base = {
  DEFAULT_SITE: 'contoso',
  SITE_SETTINGS_CONNECTION_STRING: 'UseDevelopmentStorage=true',
  CERTIFICATE_SOURCE: 'local',
  LOCAL_CERTIFICATES_DIR: '/tmp/certs',
};

describe('BACKEND_STALE_IF_ERROR_SECONDS', () => {
  it('defaults to an hour and accepts 0 (nothing stale) up to a week', () => {
    expect(loadConfig(base).resilience).toEqual({ staleIfErrorSeconds: 3600 });
    expect(loadConfig({ ...base, BACKEND_STALE_IF_ERROR_SECONDS: '0' }).resilience.staleIfErrorSeconds).toBe(
      0,
    );
    expect(
      loadConfig({ ...base, BACKEND_STALE_IF_ERROR_SECONDS: '604800' }).resilience.staleIfErrorSeconds,
    ).toBe(604_800);
  });

  it.each(['-1', '1.5', 'an hour', '604801'])('rejects %j as PortalSTS0012 naming the setting', (value) => {
    expect(() => loadConfig({ ...base, BACKEND_STALE_IF_ERROR_SECONDS: value })).toThrow(
      expect.objectContaining({
        id: 'PortalSTS0012',
        detail: expect.stringContaining('BACKEND_STALE_IF_ERROR_SECONDS'),
      }),
    );
  });
});
