import functions from '@azure/functions';
import { SignJWT } from 'jose';
import type { SigningKey } from '../../shared/certs/signing-key.js';
import { siteKeys } from '../../shared/keys/site-keys.js';
import { mintAccessToken, mintIdToken, type OidcTokenInput } from '../../shared/oidc/oidc-tokens.js';
import { siteFromRoute } from '../../shared/oidc/site-from-route.js';
import { getServices } from '../../shared/services.js';
import { powerPagesClaims } from '../../shared/token/power-pages-claims.js';
import { signToken } from '../../shared/token/sign-token.js';
import { readSignedInUser, type SignedInUser } from '../../shared/user/signed-in-user.js';
import { ADA, principalHeaders, type TestUser } from '../support/token-site.js';

export const HOST = 'sts.contoso.example';
export const BASE = `https://${HOST}`;
export const ISSUER = `${BASE}/contoso`;
export const PORTAL_ORIGIN = 'https://portal.contoso.com';

export interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Route parameters, as the host passes them (`tenant`). */
  params?: Record<string, string>;
}

/** A request to a handler as the Functions host builds it, with route parameters. */
export function apiRequest(path: string, init: RequestInit = {}): InstanceType<typeof functions.HttpRequest> {
  return new functions.HttpRequest({
    method: init.method ?? 'GET',
    url: `${BASE}${path}`,
    headers: init.headers ?? {},
    params: init.params ?? {},
    ...(init.body === undefined ? {} : { body: { string: init.body } }),
  });
}

/** A form POST to `/{tenant}/oauth2/v1/...`. */
export function formPost(path: string, form: Record<string, string>, init: RequestInit = {}) {
  return apiRequest(path, {
    ...init,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
    body: new URLSearchParams(form).toString(),
  });
}

export function signedInUser(user: TestUser = ADA): SignedInUser {
  const found = readSignedInUser(new Headers(principalHeaders(user)), {
    trustPrincipalHeaders: true,
    identityProviders: ['aad'],
  });
  if (!found) throw new Error('the test user did not parse');
  return found;
}

/** The site's keys as the service resolves them now. */
export async function currentKeys(tenant = 'contoso', now = new Date()) {
  const services = await getServices();
  return siteKeys(services, await siteFromRoute(services, tenant), now, () => {});
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function oidcInput(overrides: Partial<OidcTokenInput> = {}): OidcTokenInput {
  const issuedAt = overrides.issuedAt ?? nowSeconds();
  return {
    user: signedInUser(),
    issuer: ISSUER,
    clientId: 'demo-app',
    scopes: ['openid', 'profile', 'email'],
    nonce: 'n-1',
    authTime: issuedAt,
    issuedAt,
    lifetimeSeconds: 900,
    ...overrides,
  };
}

/** ID and access tokens from the real minting functions, signed with the site's active key. */
export async function mintOidc(overrides: Partial<OidcTokenInput> = {}, key?: SigningKey) {
  const signing = key ?? (await currentKeys()).active;
  const input = oidcInput(overrides);
  const accessToken = await mintAccessToken(input, signing);
  const idToken = await mintIdToken(input, signing, accessToken);
  return { idToken, accessToken };
}

/** A Power Pages token (host issuer) as /_services/auth/token signs it. */
export async function mintPowerPages(
  options: { siteId?: string; clientId?: string; issuedAt?: number; issuer?: string } = {},
  key?: SigningKey,
) {
  const signing = key ?? (await currentKeys()).active;
  const claims = powerPagesClaims({
    user: signedInUser(),
    siteId: options.siteId ?? 'contoso',
    issuerHost: options.issuer ?? HOST,
    clientId: options.clientId ?? 'demo-app',
    nonce: undefined,
    issuedAt: options.issuedAt ?? nowSeconds(),
    lifetimeSeconds: 900,
  });
  return signToken(claims, signing);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS with any header, payload and signature: for tokens no real signer would make. */
export function forge(header: Record<string, unknown>, payload: Record<string, unknown>, signature = '') {
  return `${b64(header)}.${b64(payload)}.${signature}`;
}

/** Signs with an arbitrary key and header: alg confusion and foreign keys. */
export function signWith(
  key: Parameters<SignJWT['sign']>[0],
  header: { alg: string; kid?: string; typ?: string },
  payload: Record<string, unknown>,
) {
  return new SignJWT(payload).setProtectedHeader(header).sign(key);
}
