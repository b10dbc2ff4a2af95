import { createSecretKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createSigningKey } from '../../shared/certs/create-signing-key.js';
import type { SigningKey } from '../../shared/certs/signing-key.js';
import {
  CLOCK_TOLERANCE_SECONDS,
  MAX_TOKEN_CHARS,
  type ValidationContext,
  validateToken,
} from '../../shared/oidc/validate-token.js';
import { makeCertificate } from '../support/test-certificates.js';
import { forge, HOST, ISSUER, signWith } from './support.js';

function signingKey(keyType: 'rsa' | 'ec'): SigningKey {
  const certificate = makeCertificate({ keyType });
  return createSigningKey(new X509Certificate(certificate.certPem), certificate.privateKey);
}

const rsa = signingKey('rsa');
const ec = signingKey('ec');
const stranger = signingKey('rsa');

/** A frozen clock: every token and every check uses this instant. */
const NOW = 1_800_000_000;
const at = (seconds: number) => new Date(seconds * 1000);

function context(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return {
    siteId: 'contoso',
    issuer: ISSUER,
    powerPagesIssuer: HOST,
    keys: [rsa, ec],
    now: at(NOW),
    ...overrides,
  };
}

const idClaims = (extra: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  sub: 'ada-0001',
  aud: 'demo-app',
  iat: NOW,
  exp: NOW + 900,
  ...extra,
});

function sign(
  key: SigningKey,
  claims: Record<string, unknown>,
  typ = 'JWT',
  header: Record<string, unknown> = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, typ, kid: key.kid, ...header })
    .sign(key.privateKey);
}

async function reason(token: string, overrides: Partial<ValidationContext> = {}) {
  const result = await validateToken(token, context(overrides));
  return result.active ? `active:${result.kind}` : result.reason;
}

describe('validateToken: what is active', () => {
  it('an ID token of the site (URL issuer), RS256 and ES256', async () => {
    expect(await reason(await sign(rsa, idClaims()))).toBe('active:id_token');
    expect(await reason(await sign(ec, idClaims()))).toBe('active:id_token');
  });

  it('an RFC 9068 access token (typ at+jwt, also as application/at+jwt)', async () => {
    const claims = idClaims({ client_id: 'demo-app', scope: 'openid' });
    expect(await reason(await sign(rsa, claims, 'at+jwt'))).toBe('active:access_token');
    expect(await reason(await sign(rsa, claims, 'application/at+jwt'))).toBe('active:access_token');
  });

  it('a Power Pages token: host issuer and scp = the site id', async () => {
    const token = await sign(rsa, idClaims({ iss: HOST, scp: 'contoso', appid: 'demo-app', nbf: NOW }));
    const result = await validateToken(token, context());
    expect(result).toMatchObject({ active: true, kind: 'power_pages', kid: rsa.kid });
  });

  it('a token of the tenant token endpoint: Power Pages claims with the URL issuer', async () => {
    expect(await reason(await sign(rsa, idClaims({ scp: 'contoso', appid: 'demo-app' })))).toBe(
      'active:id_token',
    );
  });
});

describe('validateToken: the header chooses nothing but which published key to try', () => {
  it('alg none is not active', async () => {
    expect(await reason(forge({ alg: 'none', typ: 'JWT', kid: rsa.kid }, idClaims()))).toBe(
      'unsupported-alg',
    );
  });

  it('HS256 keyed with the public PEM (algorithm confusion) is not active', async () => {
    const secret = createSecretKey(Buffer.from(rsa.publicKeyPem));
    const token = await signWith(secret, { alg: 'HS256', kid: rsa.kid, typ: 'JWT' }, idClaims());
    expect(await reason(token)).toBe('unsupported-alg');
  });

  it("PS256 with the site's own RSA key is not active (the key signs RS256 only)", async () => {
    const token = await signWith(rsa.privateKey, { alg: 'PS256', kid: rsa.kid, typ: 'JWT' }, idClaims());
    expect(await reason(token)).toBe('unsupported-alg');
  });

  it('an RS256 header naming the EC key, or ES256 naming the RSA key, is not active', async () => {
    const rsOnEc = await signWith(rsa.privateKey, { alg: 'RS256', kid: ec.kid, typ: 'JWT' }, idClaims());
    const esOnRsa = await signWith(ec.privateKey, { alg: 'ES256', kid: rsa.kid, typ: 'JWT' }, idClaims());
    expect(await reason(rsOnEc)).toBe('alg-mismatch');
    expect(await reason(esOnRsa)).toBe('alg-mismatch');
  });

  it('an unknown kid, or none, is not active, even when the key would verify', async () => {
    expect(await reason(await sign(stranger, idClaims()))).toBe('unknown-key');
    const noKid = await signWith(rsa.privateKey, { alg: 'RS256', typ: 'JWT' }, idClaims());
    expect(await reason(noKid)).toBe('unknown-key');
  });

  it("a stranger's signature under our kid is a bad signature", async () => {
    const token = await signWith(stranger.privateKey, { alg: 'RS256', kid: rsa.kid, typ: 'JWT' }, idClaims());
    expect(await reason(token)).toBe('bad-signature');
  });

  it('a changed payload under a valid signature is a bad signature', async () => {
    const [header, , signature] = (await sign(rsa, idClaims())).split('.');
    const payload = Buffer.from(JSON.stringify(idClaims({ sub: 'mallory' }))).toString('base64url');
    expect(await reason(`${header}.${payload}.${signature}`)).toBe('bad-signature');
  });

  it('a typ other than JWT or at+jwt is not active', async () => {
    expect(await reason(await sign(rsa, idClaims(), 'dpop+jwt'))).toBe('unsupported-typ');
    const noTyp = await signWith(rsa.privateKey, { alg: 'RS256', kid: rsa.kid }, idClaims());
    expect(await reason(noTyp)).toBe('unsupported-typ');
  });
});

describe(`validateToken: time, with a ${CLOCK_TOLERANCE_SECONDS} s tolerance on a frozen clock`, () => {
  const token = () => sign(rsa, idClaims({ iat: NOW - 900, exp: NOW, nbf: NOW - 900 }));

  it('exp: accepted up to exp + 4 s, expired from exp + 5 s', async () => {
    expect(await reason(await token(), { now: at(NOW + CLOCK_TOLERANCE_SECONDS - 1) })).toBe(
      'active:id_token',
    );
    expect(await reason(await token(), { now: at(NOW + CLOCK_TOLERANCE_SECONDS) })).toBe('expired');
    expect(await reason(await token(), { now: at(NOW + 3600) })).toBe('expired');
  });

  it('nbf: accepted from nbf - 5 s, not yet valid before', async () => {
    const early = await sign(rsa, idClaims({ nbf: NOW + 6, iat: NOW, exp: NOW + 900 }));
    const edge = await sign(rsa, idClaims({ nbf: NOW + 5, iat: NOW, exp: NOW + 900 }));
    expect(await reason(early)).toBe('not-yet-valid');
    expect(await reason(edge)).toBe('active:id_token');
  });

  it('iat in the future (ID and access tokens carry no nbf) is not yet valid', async () => {
    expect(await reason(await sign(rsa, idClaims({ iat: NOW + 6, exp: NOW + 900 })))).toBe('not-yet-valid');
    expect(await reason(await sign(rsa, idClaims({ iat: NOW + 5, exp: NOW + 900 })))).toBe('active:id_token');
  });

  it('a token issued more than the longest lifetime (3600 s) ago is expired, whatever its exp', async () => {
    const long = await sign(rsa, idClaims({ iat: NOW - 3600 - 10, exp: NOW + 86_400 }));
    expect(await reason(long)).toBe('expired');
  });

  it('a token without exp or iat is not active', async () => {
    expect(await reason(await sign(rsa, idClaims({ exp: undefined })))).toBe('invalid-claims');
    expect(await reason(await sign(rsa, idClaims({ iat: undefined })))).toBe('invalid-claims');
  });
});

describe('validateToken: whose token', () => {
  it("another tenant's ID or access token, signed with the same key, is not active", async () => {
    const other = idClaims({ iss: 'https://sts.contoso.example/fabrikam' });
    expect(await reason(await sign(rsa, other))).toBe('wrong-issuer');
    expect(await reason(await sign(rsa, { ...other, scope: 'openid' }, 'at+jwt'))).toBe('wrong-issuer');
  });

  it("another site's Power Pages token (scp), or one with another host, is not active", async () => {
    expect(await reason(await sign(rsa, idClaims({ iss: HOST, scp: 'fabrikam' })))).toBe('wrong-issuer');
    expect(await reason(await sign(rsa, idClaims({ iss: 'evil.example', scp: 'contoso' })))).toBe(
      'wrong-issuer',
    );
    expect(await reason(await sign(rsa, idClaims({ scp: 'fabrikam' })))).toBe('wrong-issuer');
  });

  it('an access token with the host issuer is not one of ours', async () => {
    expect(await reason(await sign(rsa, idClaims({ iss: HOST, scp: 'contoso' }), 'at+jwt'))).toBe(
      'wrong-issuer',
    );
  });

  it('audience: aud (string or list), client_id or appid must name the expected client', async () => {
    const audience = 'demo-app';
    expect(await reason(await sign(rsa, idClaims()), { audience })).toBe('active:id_token');
    expect(await reason(await sign(rsa, idClaims({ aud: ['x', 'demo-app'] })), { audience })).toBe(
      'active:id_token',
    );
    expect(await reason(await sign(rsa, idClaims({ aud: 'api', client_id: 'demo-app' })), { audience })).toBe(
      'active:id_token',
    );
    expect(await reason(await sign(rsa, idClaims({ aud: '', appid: 'demo-app' })), { audience })).toBe(
      'active:id_token',
    );
    expect(await reason(await sign(rsa, idClaims()), { audience: 'other-app' })).toBe('wrong-audience');
  });
});

describe('validateToken: what is not a token', () => {
  it('garbage, a JWE-shaped string and an empty string are malformed', async () => {
    expect(await reason('garbage')).toBe('malformed');
    expect(await reason('a.b.c.d.e')).toBe('malformed');
    expect(await reason('')).toBe('malformed');
    expect(await reason('!!!.???.###')).toBe('malformed');
  });

  it(`a token over ${MAX_TOKEN_CHARS} characters is not parsed`, async () => {
    const big = await sign(rsa, idClaims({ pad: 'x'.repeat(MAX_TOKEN_CHARS) }));
    expect(await reason(big)).toBe('oversized');
  });

  it('no mutation of a valid token is active, and none throws', async () => {
    const valid = await sign(rsa, idClaims());
    // The last character is left alone: its low bits are padding, so some changes decode the same.
    await fc.assert(
      fc.asyncProperty(
        fc.nat(valid.length - 2),
        fc.string({ minLength: 1, maxLength: 3 }),
        async (index, text) => {
          const mutated = valid.slice(0, index) + text + valid.slice(index + 1);
          fc.pre(mutated !== valid);
          const result = await validateToken(mutated, context());
          expect(result.active).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('random strings are never active and never throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (text) => {
        expect((await validateToken(text, context())).active).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('validateToken: the key set decides', () => {
  it('a token of a key no longer published is not active', async () => {
    const token = await sign(ec, idClaims());
    expect(await reason(token, { keys: [rsa] })).toBe('unknown-key');
  });

  it('any RSA key pair that is not in the set cannot sign for it', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = await signWith(privateKey, { alg: 'RS256', kid: rsa.kid, typ: 'JWT' }, idClaims());
    expect(await reason(token)).toBe('bad-signature');
  });
});
