import type { HttpResponseInit } from '@azure/functions';
import type { Language } from '../i18n/languages.js';
import { pageText } from '../i18n/page-text.js';
import { escapeHtml, htmlPage } from './html-page.js';

/** The only script the page runs, allowed by its hash: submit the form once loaded. */
const SUBMIT_SCRIPT = 'document.forms[0].submit();';
const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}';

/**
 * The CSP form-action source for the page's one form target: its origin. CSP host sources cannot
 * express IPv6 literals, so a redirect URI on [::1] (a loopback client) gets its scheme instead.
 */
function formActionSource(action: string): string {
  const url = new URL(action);
  return url.hostname.startsWith('[') ? url.protocol : url.origin;
}

/**
 * OAuth 2.0 Form Post Response Mode: a page that POSTs the response parameters to the client's
 * redirect URI as soon as it loads, so they never appear in a URL (history, logs, Referer). With
 * scripts off, the same form shows a Continue button. Every value is escaped; the page is never
 * cached because it carries tokens.
 */
export function htmlFormPost(
  action: string,
  fields: ReadonlyArray<readonly [string, string]>,
  language: Language,
  headers: Record<string, string> = {},
): HttpResponseInit {
  const text = pageText(language);
  const inputs = fields
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const body = `<form method="post" action="${escapeHtml(action)}">
${inputs}
<noscript><p>${escapeHtml(text.formPostNoScript)}</p><button type="submit">${escapeHtml(text.continue)}</button></noscript>
</form>`;
  return htmlPage({
    status: 200,
    language,
    title: text.formPostTitle,
    style: STYLE,
    body,
    script: SUBMIT_SCRIPT,
    formAction: formActionSource(action),
    headers,
  });
}
