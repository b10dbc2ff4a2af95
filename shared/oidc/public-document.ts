import { createHash } from 'node:crypto';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';

/**
 * Public documents (discovery, JWKS, PEM): cacheable for 5 minutes, so validators and CDNs poll
 * cheaply and a key published or retired shows within minutes; with a strong ETag, so a poll that
 * finds nothing new is a 304 without a body.
 */
export const PUBLIC_MAX_AGE_SECONDS = 300;

export function entityTag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** RFC 9110 13.1.2: `*`, or any listed tag equal to ours under weak comparison. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

export function publicDocumentResponse(
  request: HttpRequest,
  body: string,
  contentType: string,
): HttpResponseInit {
  const etag = entityTag(body);
  const headers = {
    'Cache-Control': `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`,
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  };
  if (matchesIfNoneMatch(request.headers.get('if-none-match'), etag)) return { status: 304, headers };
  return { status: 200, headers: { ...headers, 'Content-Type': contentType }, body };
}
