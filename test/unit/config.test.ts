import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config.js';
import { StsError } from '../../shared/errors/sts-error.js';

const base = {
  DEFAULT_SITE: 'contoso',
  SITE_SETTINGS_CONNECTION_STRING: 'UseDevelopmentStorage=true',
  CERTIFICATE_SOURCE: 'local',
  LOCAL_CERTIFICATES_DIR: '/tmp/certs',
};

function failure(env: Record<string, string | undefined>): StsError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof StsError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted a bad configuration');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(base);
    expect(config.settings).toMatchObject({ tableName: 'SiteSettings', ttlSeconds: 30 });
    expect(config.certificates.defaultName).toBe('portal-sts-signing');
    expect(config.auth).toEqual({
      trustPrincipalHeaders: false,
      loginProvider: 'aad',
      identityProviders: ['aad'],
    });
    expect(config.publicBaseUrl).toBeUndefined();
  });

  it('trusts Easy Auth headers only when WEBSITE_AUTH_ENABLED is True', () => {
    expect(loadConfig({ ...base, WEBSITE_AUTH_ENABLED: 'True' }).auth.trustPrincipalHeaders).toBe(true);
    expect(loadConfig({ ...base, WEBSITE_AUTH_ENABLED: 'false' }).auth.trustPrincipalHeaders).toBe(false);
  });

  it('reads AUTH_LOGIN_PROVIDER as a list: the first signs in, every one is a trusted identity provider', () => {
    const { auth } = loadConfig({ ...base, AUTH_LOGIN_PROVIDER: 'AAD, google' });
    expect(auth.loginProvider).toBe('AAD');
    expect(auth.identityProviders).toEqual(['aad', 'google']);
    expect(failure({ ...base, AUTH_LOGIN_PROVIDER: 'aad,,google' }).detail).toContain('AUTH_LOGIN_PROVIDER');
  });

  it('accepts a TTL of 0 (read every time)', () => {
    expect(loadConfig({ ...base, SITE_SETTINGS_TTL_SECONDS: '0' }).settings.ttlSeconds).toBe(0);
  });

  it.each([
    [{ DEFAULT_SITE: undefined }, 'DEFAULT_SITE'],
    [{ DEFAULT_SITE: 'Contoso/1' }, 'DEFAULT_SITE'],
    [{ SITE_SETTINGS_CONNECTION_STRING: undefined }, 'SITE_SETTINGS_CONNECTION_STRING'],
    [{ SITE_SETTINGS_TTL_SECONDS: '-1' }, 'SITE_SETTINGS_TTL_SECONDS'],
    [{ CERTIFICATE_SOURCE: 'disk' }, 'CERTIFICATE_SOURCE'],
    [{ CERTIFICATE_SOURCE: 'keyvault' }, 'KEY_VAULT_URL'],
    [{ CERTIFICATE_SOURCE: 'keyvault', KEY_VAULT_URL: 'http://vault' }, 'KEY_VAULT_URL'],
    [{ LOCAL_CERTIFICATES_DIR: undefined }, 'LOCAL_CERTIFICATES_DIR'],
    [{ PUBLIC_BASE_URL: 'not a url' }, 'PUBLIC_BASE_URL'],
    [{ DEFAULT_CERTIFICATE_NAME: 'a/b' }, 'DEFAULT_CERTIFICATE_NAME'],
  ])('rejects %j naming %s, as PortalSTS0012', (override, setting) => {
    const error = failure({ ...base, ...override });
    expect(error.id).toBe('PortalSTS0012');
    expect(error.status).toBe(500);
    expect(error.detail).toContain(setting);
  });

  it('never echoes a setting value in the error', () => {
    const error = failure({ ...base, PUBLIC_BASE_URL: 'secret-value-xyz' });
    expect(error.message).not.toContain('secret-value-xyz');
  });
});
