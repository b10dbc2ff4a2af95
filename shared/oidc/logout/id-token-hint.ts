import { compactVerify } from 'jose';
import type { SigningKey } from '../../certs/signing-key.js';
import { StsError } from '../../errors/sts-error.js';
import { checkedHeader, findKey } from '../validate-token.js';

/** What a verified id_token_hint says: who signed in, and at which clients. */
export interface VerifiedHint {
  sub: string;
  audiences: readonly string[];
}

function refused(why: string): StsError {
  return new StsError('PortalSTS0024', { detail: `id_token_hint refused: ${why}` });
}

function audiencesOf(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud) && aud.every((value) => typeof value === 'string')) return aud;
  return [];
}

/**
 * An ID token this site issued, as RP-Initiated Logout 1.0 section 2 wants its hint checked:
 * signed by one of the site's published keys (the same header, kid and algorithm rules as every
 * token this service validates), `iss` the site's issuer (another site may share the default
 * certificate, so the signature alone does not say whose token it is), a plain JWT (not an
 * access token), with a subject and an audience. Its expiry is not checked: the spec lets an
 * expired hint identify the session being ended. Anything else is PortalSTS0024 (a page).
 */
export async function verifyIdTokenHint(
  hint: string,
  keys: readonly SigningKey[],
  issuer: string,
): Promise<VerifiedHint> {
  let key: SigningKey;
  try {
    const header = checkedHeader(hint);
    if (typeof header.typ === 'string' && /at\+jwt$/i.test(header.typ)) throw refused('an access token');
    key = findKey(header, keys);
  } catch (thrown) {
    if (thrown instanceof StsError) throw thrown;
    throw refused(thrown instanceof Error ? thrown.message : 'header');
  }
  let claims: Record<string, unknown>;
  try {
    const { payload } = await compactVerify(hint, key.publicKey, { algorithms: [key.alg] });
    claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
  } catch {
    throw refused('signature or payload');
  }
  if (claims === null || typeof claims !== 'object') throw refused('payload');
  if (claims.iss !== issuer) throw refused('another issuer');
  const audiences = audiencesOf(claims.aud);
  if (typeof claims.sub !== 'string' || claims.sub === '' || audiences.length === 0)
    throw refused('no sub or aud');
  return { sub: claims.sub, audiences };
}
