import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigningKey, type SigningKey } from '../../shared/certs/signing-key.js';
import { StsError } from '../../shared/errors/sts-error.js';
import {
  CONTINUATION_LIFETIME_SECONDS,
  signContinuation,
  verifyContinuation,
} from '../../shared/oidc/logout/continuation.js';
import { verifyIdTokenHint } from '../../shared/oidc/logout/id-token-hint.js';
import { signToken } from '../../shared/token/sign-token.js';
import { makeCertificate } from '../support/test-certificates.js';

function signingKey(keyType?: 'rsa' | 'ec'): SigningKey {
  const made = makeCertificate(keyType ? { keyType } : {});
  return createSigningKey(new X509Certificate(made.certPem), made.privateKey);
}

const ISSUER = 'https://sts.example/contoso';
const KEY = signingKey();
const EC_KEY = signingKey('ec');
const epoch = () => Math.floor(Date.now() / 1000);

function idToken(claims: Record<string, unknown>, key = KEY, typ = 'JWT'): Promise<string> {
  return signToken(
    { iss: ISSUER, sub: 'user-1', aud: 'spa', iat: epoch(), exp: epoch() + 600, ...claims },
    key,
    typ,
  );
}

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof StsError ? error.id : String(error);
  }
}

describe('verifyIdTokenHint', () => {
  it("accepts the site's ID token, expired long ago too, with any of the published keys", async () => {
    const expired = await idToken({ iat: epoch() - 90 * 86_400, exp: epoch() - 89 * 86_400 });
    await expect(verifyIdTokenHint(expired, [KEY], ISSUER)).resolves.toEqual({
      sub: 'user-1',
      audiences: ['spa'],
    });
    const byEc = await idToken({ aud: ['spa', 'api'] }, EC_KEY);
    await expect(verifyIdTokenHint(byEc, [KEY, EC_KEY], ISSUER)).resolves.toEqual({
      sub: 'user-1',
      audiences: ['spa', 'api'],
    });
  });

  it('refuses another issuer, an unpublished key, an access token, no sub or aud: PortalSTS0024', async () => {
    const cases = [
      await idToken({ iss: 'https://sts.example/fabrikam' }),
      await idToken({}, EC_KEY),
      await idToken({}, KEY, 'at+jwt'),
      await idToken({ sub: undefined }),
      await idToken({ aud: undefined }),
      await idToken({ aud: [1] }),
      'a.b.c',
      'x'.repeat(9000),
    ];
    for (const hint of cases)
      expect(await refusal(verifyIdTokenHint(hint, [KEY], ISSUER))).toBe('PortalSTS0024');
  });
});

describe('sign-out continuation', () => {
  const continuation = { clientId: 'spa', redirectUri: 'https://spa.example/out', state: 's' };

  it('round-trips with a published key, and is a distinct token type', async () => {
    const token = await signContinuation(continuation, ISSUER, EC_KEY);
    await expect(verifyContinuation(token, [KEY, EC_KEY], ISSUER)).resolves.toEqual(continuation);
    // An ID token validator refuses it: its typ is neither JWT nor at+jwt.
    expect(await refusal(verifyIdTokenHint(token, [EC_KEY], ISSUER))).toBe('PortalSTS0024');
  });

  it('is refused expired, for another site, unpublished key, or when it is an ID token', async () => {
    const now = Date.now();
    const token = await signContinuation(continuation, ISSUER, KEY, now);
    const later = new Date(now + (CONTINUATION_LIFETIME_SECONDS + 10) * 1000);
    await expect(verifyContinuation(token, [KEY], ISSUER, later)).resolves.toBeUndefined();
    await expect(verifyContinuation(token, [KEY], 'https://sts.example/fabrikam')).resolves.toBeUndefined();
    await expect(verifyContinuation(token, [EC_KEY], ISSUER)).resolves.toBeUndefined();
    const lookalike = await idToken({
      aud: `${ISSUER}/oauth2/v1/logout/complete`,
      client_id: 'spa',
      post_logout_redirect_uri: 'https://evil.example',
    });
    await expect(verifyContinuation(lookalike, [KEY], ISSUER)).resolves.toBeUndefined();
  });
});
