import type { HttpResponseInit } from '@azure/functions';
import type { StsError } from '../errors/sts-error.js';
import type { Language } from '../i18n/languages.js';
import { pageText } from '../i18n/page-text.js';
import type { ErrorDocument } from './error-document.js';
import { escapeHtml, htmlPage } from './html-page.js';

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}' +
  'h1{font-size:1.4rem}dt{font-weight:600;margin-top:.6rem}dd{margin:0}code{font-size:.95em}' +
  '.hint{color:#555;font-size:.9rem}';

/**
 * The page a browser shows when an authorize request must not go back to the application (its
 * client_id or redirect_uri cannot be trusted): the same id, message and correlation id as the
 * JSON error document, for a person to read and pass on. Nothing from the request is shown, so the
 * page cannot be turned into a phishing message on this origin.
 */
export function htmlErrorPage(
  error: StsError,
  document: ErrorDocument,
  language: Language,
): HttpResponseInit {
  const text = pageText(language);
  const body = `<main>
<h1>${escapeHtml(text.errorTitle)}</h1>
<p id="message">${escapeHtml(document.ErrorMessage)}</p>
<dl>
<dt>${escapeHtml(text.errorCode)}</dt><dd><code id="error-id">${escapeHtml(document.ErrorId)}</code></dd>
<dt>${escapeHtml(text.correlationId)}</dt><dd><code id="correlation-id">${escapeHtml(document.CorrelationId)}</code></dd>
<dt>${escapeHtml(text.time)}</dt><dd><code>${escapeHtml(document.Timestamp)}</code></dd>
</dl>
<p class="hint">${escapeHtml(text.adminHint)}</p>
</main>`;
  return htmlPage({
    status: error.status,
    language,
    title: text.errorTitle,
    style: STYLE,
    body,
    headers: { ...error.headers, 'x-correlation-id': document.CorrelationId },
  });
}
