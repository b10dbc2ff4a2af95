import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SETTING } from '../../shared/settings/setting-names.js';
import { SITE_ID, type TestDevHost } from '../support/dev-host.js';
import { portalSts, signedInBrowser, startOidcDevHost, tableFlags } from './dev-host-support.js';

/**
 * The key rotation runbook end to end over HTTP: the admin CLI changes the site's settings in
 * Azurite, the dev host serves the JWKS and tokens, an API validates with createRemoteJWKSet, and
 * the clock (Date only, in this process, where the dev host's handlers run) is frozen where the
 * grace period is measured.
 */

let dev: TestDevHost;
let issuer: string;

beforeAll(async () => {
  dev = await startOidcDevHost();
  issuer = `${dev.url}/${SITE_ID}`;
  // A site that names its active key (activate keeps the one it replaces as Previous) and issues
  // tokens for the longest lifetime, so a token signed just before the switch lives all of the grace.
  await dev.table.write(SITE_ID, SETTING.certificateThumbprint, dev.certificateThumbprint);
  await dev.table.write(SITE_ID, SETTING.tokenExpirationTime, '3600');
});

afterAll(async () => {
  await dev?.close();
});

afterEach(() => {
  vi.useRealTimers();
});

const kidOf = (thumbprint: string) => Buffer.from(thumbprint, 'hex').toString('base64url');

async function publishedKids(): Promise<string[]> {
  const response = await fetch(`${issuer}/oauth2/v1/keys`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
}

async function newToken(): Promise<string> {
  const browser = await signedInBrowser(dev.url);
  const response = await browser.fetch(`/${SITE_ID}/oauth2/v1/token`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest', 'content-type': 'application/x-www-form-urlencoded' },
    body: 'client_id=demo-app',
  });
  expect(response.status).toBe(200);
  return response.text();
}

async function active(token: string): Promise<boolean> {
  const response = await fetch(`${issuer}/oauth2/v1/verify`, {
    method: 'POST',
    body: new URLSearchParams({ token }),
  });
  return ((await response.json()) as { active: boolean }).active;
}

describe('key rotation with the CLI: publish, wait, activate, grace, retire', () => {
  it('publishes the next key before it signs, switches, and keeps the old one exactly 3600 s', async () => {
    const old = kidOf(dev.certificateThumbprint);
    const created = await portalSts([
      'cert',
      'create-dev',
      '--dir',
      process.env.LOCAL_CERTIFICATES_DIR ?? '',
      '--name',
      'next',
    ]);
    const nextThumbprint = String(created.thumbprint);
    const next = kidOf(nextThumbprint);

    // Publish: the JWKS lists the next key while the old one still signs.
    await portalSts(['cert', 'publish', '--site', SITE_ID, '--thumbprint', nextThumbprint, ...tableFlags()]);
    expect(await publishedKids()).toEqual([old, next]);
    const beforeSwitch = await newToken();
    expect(decodeProtectedHeader(beforeSwitch).kid).toBe(old);
    // An API that cached the key set now (createRemoteJWKSet) needs no refetch after the switch.
    const jwks = createRemoteJWKSet(new URL(`${issuer}/oauth2/v1/keys`));
    await jwtVerify(beforeSwitch, jwks, { issuer });

    // Activate at T0: new tokens carry the next kid; the old key stays published and accepted.
    const t0 = new Date();
    await portalSts(
      ['cert', 'activate', '--site', SITE_ID, '--thumbprint', nextThumbprint, ...tableFlags()],
      t0,
    );
    const afterSwitch = await newToken();
    expect(decodeProtectedHeader(afterSwitch).kid).toBe(next);
    await jwtVerify(afterSwitch, jwks, { issuer });
    expect(await publishedKids()).toEqual([next, old]);
    expect(await active(beforeSwitch)).toBe(true);

    // Frozen clock: one second before the end of the grace, the old key and its token still hold.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(t0.getTime() + 3_599_000);
    expect(await publishedKids()).toEqual([next, old]);
    expect(await active(beforeSwitch)).toBe(true);

    // At retiredAt + 3600 s the old key is gone from the JWKS and nothing it signed verifies. The
    // token's own exp (iat + 3600, iat within a second of T0) is still inside the 5 s clock
    // tolerance here, so it is the key's removal that ends it.
    vi.setSystemTime(t0.getTime() + 3_600_000);
    expect(await publishedKids()).toEqual([next]);
    expect(await active(beforeSwitch)).toBe(false);
    expect(await active(afterSwitch)).toBe(true);

    // Retire: the Previous entry goes; the key set is unchanged.
    const retired = await portalSts(
      ['cert', 'retire', '--site', SITE_ID, '--thumbprint', dev.certificateThumbprint, ...tableFlags()],
      new Date(t0.getTime() + 3_600_000),
    );
    expect(retired).toMatchObject({ active: nextThumbprint, previous: [] });
    expect(await publishedKids()).toEqual([next]);
  });
});
