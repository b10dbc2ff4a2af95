import { createHash, randomBytes } from 'node:crypto';

/** 256 bits of randomness as base64url (43 characters): codes and refresh token secrets. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** 128 bits as base64url (22 characters): family ids, unguessable but shorter than a secret. */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * SHA-256 as base64url: how codes and refresh tokens are stored (a leaked table holds nothing
 * that can be presented), and a legal Table key (no `/`, `\`, `#` or `?`).
 */
export function sha256Key(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}

export const BASE64URL_43 = /^[A-Za-z0-9_-]{43}$/;
export const BASE64URL_22 = /^[A-Za-z0-9_-]{22}$/;
