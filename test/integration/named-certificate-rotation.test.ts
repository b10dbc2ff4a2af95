import { X509Certificate } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  importSPKI,
  type JSONWebKeySet,
  jwtVerify,
} from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { jwksHandler, publicKeyHandler } from '../../functions/publickey.js';
import { tokenHandler } from '../../functions/token.js';
import { SETTING } from '../../shared/settings/setting-names.js';
import { callHandler } from '../support/call-handler.js';
import { type KeyVaultTestServer, startTestVault } from '../support/keyvault-server/index.js';
import { setUpKeyVaultSites } from '../support/keyvault-site.js';
import { makeCertificate, type TestCertificate } from '../support/test-certificates.js';
import { ADA, httpRequest, principalHeaders } from '../support/token-site.js';
import { vaultAdmin } from '../support/vault-admin.js';

/**
 * Rotation by certificate name, end to end through the handlers with the real SDK against the test
 * vault: new versions are imported as Key Vault's AutoRenew (or an admin) would create them, and the
 * clock (Date only, in this process, where the handlers and the vault run) is moved by hand.
 */

const NAME = 'site-signing';
const LEAD = 600;
const GRACE_MS = 3_900_000;

let vault: KeyVaultTestServer;
let admin: ReturnType<typeof vaultAdmin>;
let t0: number;

beforeAll(async () => {
  vault = await startTestVault();
  admin = vaultAdmin(vault.url);
});
afterAll(() => vault.stop());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const kid = (cert: TestCertificate) => Buffer.from(cert.thumbprint, 'hex').toString('base64url');
const setClock = (msAfterT0: number) => vi.setSystemTime(t0 + msAfterT0);

async function token(): Promise<string> {
  const response = await callHandler(
    tokenHandler,
    httpRequest('/_services/auth/token?client_id=demo-app', { headers: principalHeaders(ADA) }),
  );
  expect(response.status, response.body).toBe(200);
  return response.body;
}

async function jwks(): Promise<JSONWebKeySet> {
  const response = await callHandler(jwksHandler, httpRequest('/contoso/oauth2/v1/keys'));
  expect(response.status).toBe(200);
  return response.json<JSONWebKeySet>();
}

const kids = async () => (await jwks()).keys.map((key) => key.kid);

async function pem(query = ''): Promise<string> {
  const response = await callHandler(publicKeyHandler, httpRequest(`/_services/auth/publickey${query}`));
  expect(response.status).toBe(200);
  return response.body;
}

const verifyWithPem = async (jwt: string, text: string) =>
  jwtVerify(jwt, await importSPKI(text, decodeProtectedHeader(jwt).alg ?? 'RS256'), {
    issuer: 'sts.contoso.example',
  });

/** An API's remote key set, fetched through the JWKS handler as it would be over HTTP. */
function remoteKeySet() {
  return createRemoteJWKSet(new URL('https://sts.contoso.example/contoso/oauth2/v1/keys'), {
    [customFetch]: async () => {
      const response = await callHandler(jwksHandler, httpRequest('/contoso/oauth2/v1/keys'));
      return new Response(response.body, { status: response.status, headers: response.headers });
    },
  });
}

describe('a site that follows a Key Vault certificate by name', () => {
  it('publishes a new version at once, signs with it after the lead time, keeps the old one 3900 s', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    t0 = Date.now();
    const v1 = makeCertificate();
    const v2 = makeCertificate();
    await admin.importCertificate(NAME, v1);
    await setUpKeyVaultSites(vault.url, {
      contoso: {
        [SETTING.certificateName]: NAME,
        [SETTING.rotationLeadTime]: String(LEAD),
        [SETTING.tokenExpirationTime]: '3600',
      },
    });
    const api = remoteKeySet();
    const first = await token();
    expect(decodeProtectedHeader(first).kid).toBe(kid(v1));
    expect(await kids()).toEqual([kid(v1)]);
    const currentPem = await pem();
    expect(await pem('?next=1')).toBe(currentPem);
    await jwtVerify(first, api);

    // Key Vault creates version 2 (its key in an HSM: it will sign remotely).
    setClock(60_000);
    await admin.importCertificate(NAME, v2, { kty: 'RSA-HSM' });
    expect(await kids()).toEqual([kid(v1), kid(v2)]);
    const beforeSwitch = createLocalJWKSet(await jwks());
    const nextPem = await pem('?next=1');
    expect(nextPem).toBe(new X509Certificate(v2.certPem).publicKey.export({ type: 'spki', format: 'pem' }));
    setClock(60_000 + LEAD * 1000 - 1000);
    expect(decodeProtectedHeader(await token()).kid).toBe(kid(v1));

    // The lead time has passed: version 2 signs; validators holding what they fetched before still validate.
    setClock(60_000 + LEAD * 1000);
    const after = await token();
    expect(decodeProtectedHeader(after).kid).toBe(kid(v2));
    await jwtVerify(after, beforeSwitch);
    await jwtVerify(after, api);
    await verifyWithPem(after, nextPem);
    expect(await kids()).toEqual([kid(v2), kid(v1)]);
    await jwtVerify(first, api);

    // The previous version stays published for 3600 + 300 s after it stopped signing, then goes.
    setClock(60_000 + LEAD * 1000 + GRACE_MS - 1000);
    expect(await kids()).toEqual([kid(v2), kid(v1)]);
    setClock(60_000 + LEAD * 1000 + GRACE_MS);
    expect(await kids()).toEqual([kid(v2)]);
    await verifyWithPem(await token(), await pem());
  });

  it('never signs with a disabled version; the one before keeps signing', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    t0 = Date.now();
    const name = 'disabled-follow';
    const v1 = makeCertificate();
    const v2 = makeCertificate();
    await admin.importCertificate(name, v1);
    await setUpKeyVaultSites(vault.url, {
      contoso: { [SETTING.certificateName]: name, [SETTING.rotationLeadTime]: '0' },
    });
    expect(decodeProtectedHeader(await token()).kid).toBe(kid(v1));
    setClock(2_000);
    await admin.importCertificate(name, v2, { enabled: false });
    setClock(10_000);
    expect(decodeProtectedHeader(await token()).kid).toBe(kid(v1));
    expect(await kids()).toEqual([kid(v1)]);
  });

  it('when no version can sign, keeps signing with the last good one and logs an error per refresh', async () => {
    const name = 'stuck-follow';
    const only = makeCertificate();
    const version = await admin.importCertificate(name, only);
    await setUpKeyVaultSites(vault.url, { contoso: { [SETTING.certificateName]: name } });
    expect(decodeProtectedHeader(await token()).kid).toBe(kid(only));
    await admin.setEnabled(name, version, false);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(decodeProtectedHeader(await token()).kid).toBe(kid(only));
      expect(decodeProtectedHeader(await token()).kid).toBe(kid(only));
      const lines = errors.mock.calls.map((call) => String(call[0]));
      // CERTIFICATE_VERSIONS_TTL_SECONDS=0: every token is a refresh, and each says so once.
      expect(lines.filter((line) => line.includes(`certificate ${name}: no version can sign`))).toHaveLength(
        2,
      );
      expect(lines.join('\n')).toContain(
        `signing with the last good one, ${only.thumbprint}, until it expires at`,
      );
    } finally {
      errors.mockRestore();
    }
  });
});
