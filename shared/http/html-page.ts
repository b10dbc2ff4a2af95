import { createHash } from 'node:crypto';
import type { HttpResponseInit } from '@azure/functions';
import { noStoreResponse } from './no-store-json.js';

/**
 * Escapes text for HTML element content and for double- or single-quoted attribute values. Every
 * value that came from a request, a setting or a token goes through this before it reaches a page.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The CSP source of an inline script or style: its SHA-256, so nothing else inline may run. */
function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/**
 * The document every service page shares: language, viewport, no indexing, one inline style (the
 * CSP allows it by hash) and the body. `title` is text and is escaped here; `body` is markup that
 * the caller has built from escaped values.
 */
export function htmlDocument(page: { language: string; title: string; style: string; body: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(page.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)}</title>
<style>${page.style}</style>
</head>
<body>
${page.body}
</body>
</html>
`;
}

interface HtmlPolicy {
  /** Inline scripts the page carries, allowed by hash (none: no script may run). */
  scripts?: readonly string[];
  /** Inline styles the page carries, allowed by hash. */
  styles?: readonly string[];
  /** A CSP source the page's form may post to; without one, no form may be submitted. */
  formAction?: string;
}

/**
 * The Content-Security-Policy of a page: nothing loads or runs but what the page itself carries
 * (by hash), it cannot be framed (clickjacking), and a <base> tag cannot redirect its form.
 */
function contentSecurityPolicy(policy: HtmlPolicy): string {
  const directives = ["default-src 'none'"];
  if (policy.scripts?.length) directives.push(`script-src ${policy.scripts.map(cspHash).join(' ')}`);
  if (policy.styles?.length) directives.push(`style-src ${policy.styles.map(cspHash).join(' ')}`);
  directives.push(`form-action ${policy.formAction ?? "'none'"}`);
  directives.push("base-uri 'none'", "frame-ancestors 'none'");
  return directives.join('; ');
}

/**
 * An HTML response the service renders itself (error pages, form_post), never cached (pages can
 * carry tokens or per-request ids). no-referrer keeps the page's URL, which holds the request's
 * parameters, out of any request the page makes.
 */
export function htmlResponse(
  status: number,
  html: string,
  policy: HtmlPolicy,
  headers: Record<string, string> = {},
): HttpResponseInit {
  return noStoreResponse(status, 'text/html; charset=utf-8', html, {
    ...headers,
    'Content-Security-Policy': contentSecurityPolicy(policy),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    // For browsers that predate CSP frame-ancestors.
    'X-Frame-Options': 'DENY',
  });
}
