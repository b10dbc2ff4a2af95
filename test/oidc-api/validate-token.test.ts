import { createSecretKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateToken } from '../../shared/oidc/validate-token.js';
import { forge, HOST, signWith } from './support.js';
import { context, ec, idClaims, NOW, reason, rsa, sign, stranger } from './validation-fixture.js';

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
