import type { StoredUser } from './stored-user.js';

/** What a refresh token stands for; the tokens a refresh mints come from this, not from a session. */
export interface RefreshGrant {
  siteId: string;
  clientId: string;
  user: StoredUser;
  scopes: string[];
  /** Seconds since the epoch of the sign-in the family started from. */
  authTime: number;
}

export interface RefreshLifetime {
  /** A token unused this long expires (ImplicitGrantFlow/RefreshTokenLifetime). */
  idleSeconds: number;
  /** The family ends this long after it started, however often it rotates. At most 30 days. */
  absoluteSeconds?: number;
}

export interface IssuedRefreshToken {
  token: string;
  familyId: string;
  /** Milliseconds since the epoch: idle expiry of this token, never past the family's end. */
  expiresAt: number;
}

export interface RotatedRefreshToken extends IssuedRefreshToken {
  grant: RefreshGrant;
}
