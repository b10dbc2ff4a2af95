import { X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createSigningKey, type LocalSigningKey, type SigningKey } from '../../shared/certs/signing-key.js';
import { signToken } from '../../shared/token/sign-token.js';
import { makeCertificate } from '../support/test-certificates.js';

/** signToken builds the JWS itself (crypto.sign on the thread pool); jose is the reference it must match. */

function signingKey(keyType: 'rsa' | 'ec'): LocalSigningKey {
  const cert = makeCertificate({ keyType });
  return createSigningKey(new X509Certificate(cert.certPem), cert.privateKey);
}

const rsa = signingKey('rsa');
const ec = signingKey('ec');

/** A claim set shaped like the Power Pages token: nested objects, nulls, non-ASCII text. */
const claims = {
  sub: 'ada-0001',
  preferred_username: 'ada@contoso.com',
  given_name: 'Ada',
  family_name: 'Lovelace-Bÿron ✓',
  lp_sdes: [{ type: 'ctmrinfo', info: { cstatus: null, customerId: 'ada-0001', balance: -1 } }],
  aud: 'demo-app',
  iat: 1_700_000_000,
  nbf: 1_700_000_000,
  exp: 1_700_000_900,
  iss: 'sts.contoso.example',
  nonce: 'n-0S6_WzA2Mj',
};

const joseToken = (key: LocalSigningKey, typ = 'JWT') =>
  new SignJWT(claims).setProtectedHeader({ alg: key.alg, typ, kid: key.kid }).sign(key.privateKey);

/** The tokens' claims are from 2023: verify them at their issue time. */
const verifyAt = (token: string, key: SigningKey, typ?: string) =>
  jwtVerify(token, key.publicKey, {
    algorithms: [key.alg],
    currentDate: new Date(1_700_000_100_000),
    ...(typ ? { typ } : {}),
  });

describe('signToken', () => {
  it('RS256: byte for byte the token jose signs (PKCS#1 v1.5 is deterministic), and jose verifies it', async () => {
    const token = await signToken(claims, rsa);
    expect(token).toBe(await joseToken(rsa));
    const { payload, protectedHeader } = await verifyAt(token, rsa);
    expect(payload).toEqual(claims);
    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT', kid: rsa.kid });
  });

  it('ES256: the same header and payload as jose, a 64-byte R||S signature, and jose verifies it', async () => {
    const token = await signToken(claims, ec);
    const [header, payload, signature = ''] = token.split('.');
    const [joseHeader, josePayload] = (await joseToken(ec)).split('.');
    expect([header, payload]).toEqual([joseHeader, josePayload]);
    expect(Buffer.from(signature, 'base64url')).toHaveLength(64);
    const verified = await verifyAt(token, ec);
    expect(verified.payload).toEqual(claims);
    expect(verified.protectedHeader).toEqual({ alg: 'ES256', typ: 'JWT', kid: ec.kid });
  });

  it('puts the given typ in the header (RFC 9068 access tokens)', async () => {
    const token = await signToken(claims, rsa, 'at+jwt');
    expect(token).toBe(await joseToken(rsa, 'at+jwt'));
    expect(decodeProtectedHeader(token).typ).toBe('at+jwt');
    await expect(verifyAt(token, rsa, 'at+jwt')).resolves.toBeDefined();
  });

  it('signs many tokens at once, each verifiable (the thread pool runs them in parallel)', async () => {
    const tokens = await Promise.all(
      Array.from({ length: 32 }, (_, i) => signToken({ ...claims, jti: `t-${i}` }, i % 2 ? rsa : ec)),
    );
    const verified = await Promise.all(tokens.map((token, i) => verifyAt(token, i % 2 ? rsa : ec)));
    expect(verified.map(({ payload }) => payload.jti)).toEqual(tokens.map((_, i) => `t-${i}`));
  });

  it('rejects (never throws) a claim set JSON cannot encode', async () => {
    let signing: Promise<string> | undefined;
    expect(() => {
      signing = signToken({ big: 1n }, rsa);
    }).not.toThrow();
    await expect(signing).rejects.toThrow(TypeError);
  });

  it('a token signed with one key does not verify with another', async () => {
    const other = signingKey('rsa');
    await expect(verifyAt(await signToken(claims, rsa), other)).rejects.toThrow();
  });
});
