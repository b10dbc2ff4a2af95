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

/** A page the service renders itself (error pages, form_post). */
interface HtmlPage {
  status: number;
  language: string;
  /** Text: escaped here. */
  title: string;
  /** The page's one inline style, allowed by its hash. */
  style: string;
  /** Markup that the caller has built from escaped values. */
  body: string;
  /** An inline script run after the body, allowed by its hash (none: no script may run). */
  script?: string;
  /** A CSP source the page's form may post to; without one, no form may be submitted. */
  formAction?: string;
  headers?: Record<string, string>;
}

/**
 * The Content-Security-Policy of a page: nothing loads or runs but what the page itself carries
 * (by hash), it cannot be framed (clickjacking), and a <base> tag cannot redirect its form.
 */
function contentSecurityPolicy(page: HtmlPage): string {
  const directives = ["default-src 'none'"];
  if (page.script !== undefined) directives.push(`script-src ${cspHash(page.script)}`);
  directives.push(`style-src ${cspHash(page.style)}`, `form-action ${page.formAction ?? "'none'"}`);
  directives.push("base-uri 'none'", "frame-ancestors 'none'");
  return directives.join('; ');
}

/**
 * The document every service page shares (language, viewport, no indexing, the style, the body and
 * the script), never cached: pages can carry tokens or per-request ids. no-referrer keeps the
 * page's URL, which holds the request's parameters, out of any request the page makes.
 */
export function htmlPage(page: HtmlPage): HttpResponseInit {
  const script = page.script === undefined ? '' : `\n<script>${page.script}</script>`;
  const html = `<!doctype html>
<html lang="${escapeHtml(page.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)}</title>
<style>${page.style}</style>
</head>
<body>
${page.body}${script}
</body>
</html>
`;
  return noStoreResponse(page.status, 'text/html; charset=utf-8', html, {
    ...page.headers,
    'Content-Security-Policy': contentSecurityPolicy(page),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    // For browsers that predate CSP frame-ancestors.
    'X-Frame-Options': 'DENY',
  });
}
