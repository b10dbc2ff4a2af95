import { X509Certificate } from 'node:crypto';
import { SignJWT } from 'jose';
import { createSigningKey, type LocalSigningKey } from '../../shared/certs/signing-key.js';
import { type ValidationContext, validateToken } from '../../shared/oidc/validate-token.js';
import { makeCertificate } from '../support/test-certificates.js';
import { HOST, ISSUER } from './support.js';

/** Keys, claims and a frozen clock for the unit tests of validateToken. */

export function signingKey(keyType: 'rsa' | 'ec'): LocalSigningKey {
  const certificate = makeCertificate({ keyType });
  return createSigningKey(new X509Certificate(certificate.certPem), certificate.privateKey);
}

export const rsa = signingKey('rsa');
export const ec = signingKey('ec');
export const stranger = signingKey('rsa');

/** A frozen clock: every token and every check uses this instant. */
export const NOW = 1_800_000_000;
export const at = (seconds: number) => new Date(seconds * 1000);

export function context(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return {
    siteId: 'contoso',
    issuer: ISSUER,
    powerPagesIssuer: HOST,
    keys: [rsa, ec],
    now: at(NOW),
    ...overrides,
  };
}

export const idClaims = (extra: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  sub: 'ada-0001',
  aud: 'demo-app',
  iat: NOW,
  exp: NOW + 900,
  ...extra,
});

export function sign(
  key: LocalSigningKey,
  claims: Record<string, unknown>,
  typ = 'JWT',
  header: Record<string, unknown> = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, typ, kid: key.kid, ...header })
    .sign(key.privateKey);
}

export async function reason(token: string, overrides: Partial<ValidationContext> = {}) {
  const result = await validateToken(token, context(overrides));
  return result.active ? `active:${result.kind}` : result.reason;
}
