import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DevPrincipal } from './principal.js';

/** App Service's own session cookie name, so browser tooling shows what it would in Azure. */
export const SESSION_COOKIE = 'AppServiceAuthSession';
/** Sessions end after 8 hours, like App Service's default session lifetime. */
export const SESSION_LIFETIME_SECONDS = 8 * 60 * 60;

interface SessionPayload {
  principal: DevPrincipal;
  /** Epoch seconds after which the session is no longer accepted. */
  exp: number;
}

/**
 * Signs and verifies session cookies: base64url(JSON) + "." + base64url(HMAC-SHA256). The key is
 * random per host process, so a restart signs everybody out and no key ever sits on disk.
 */
export class SessionCodec {
  readonly #key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.#key = key;
  }

  #sign(data: string): Buffer {
    return createHmac('sha256', this.#key).update(data).digest();
  }

  encode(principal: DevPrincipal, now = Date.now()): string {
    const payload: SessionPayload = { principal, exp: Math.floor(now / 1000) + SESSION_LIFETIME_SECONDS };
    const data = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${data}.${this.#sign(data).toString('base64url')}`;
  }

  /** The principal of a valid, unexpired session cookie; undefined for anything else. */
  decode(value: string | undefined, now = Date.now()): DevPrincipal | undefined {
    if (!value || value.length > 8192) return undefined;
    const [data, signature, extra] = value.split('.');
    if (!data || !signature || extra !== undefined) return undefined;
    const expected = this.#sign(data);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const payload = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as SessionPayload;
      if (typeof payload.exp !== 'number' || payload.exp * 1000 <= now) return undefined;
      return payload.principal;
    } catch {
      return undefined;
    }
  }
}

/** The session cookie of a request's Cookie header; the first wins, as browsers send the most specific first. */
export function sessionCookieOf(header: string | undefined): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const [name, ...value] = pair.split('=');
    if (name?.trim() === SESSION_COOKIE) return value.join('=').trim();
  }
  return undefined;
}

export function sessionCookie(value: string): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_LIFETIME_SECONDS}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}
