import { randomBytes, randomUUID } from 'node:crypto';
import { escapeHtml } from '../../shared/http/html-page.js';
import type { LoginField, LoginFormValues } from './login-form.js';

const FIELD_LABELS: [LoginField, string, string][] = [
  ['userDetails', 'User name (userDetails)', 'alex@contoso.com'],
  ['userId', 'User id (userId; the token subject)', ''],
  ['email', 'E-mail', 'alex@contoso.com'],
  ['given_name', 'Given name', 'Alex'],
  ['family_name', 'Family name', 'Wilber'],
  ['phone_number', 'Phone number', '+1 425 555 0100'],
  ['locale', 'Locale', 'en-US'],
  ['roles', 'Roles (comma-separated)', 'Administrators, Authenticated Users'],
];

export interface LoginPage {
  html: string;
  /** The Content-Security-Policy for this page (its inline style is allowed by nonce). */
  csp: string;
}

/** The dev provider's sign-in form. Every value that came from the request is escaped. */
export function renderLoginPage(values: LoginFormValues, redirectPath: string, error?: string): LoginPage {
  const nonce = randomBytes(16).toString('base64');
  const prefilled: LoginFormValues = { userId: randomUUID(), ...values };
  const inputs = FIELD_LABELS.map(([name, label, placeholder]) => {
    const value = prefilled[name] ?? '';
    const required = name === 'userDetails' ? ' required autofocus' : '';
    return `<label>${escapeHtml(label)}<input name="${name}" value="${escapeHtml(value)}" placeholder="${escapeHtml(placeholder)}" maxlength="256"${required}></label>`;
  }).join('\n      ');
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sign in (dev)</title>
  <style nonce="${nonce}">
    body { font: 15px/1.4 system-ui, sans-serif; max-width: 34rem; margin: 2rem auto; padding: 0 1rem; }
    label { display: block; margin: .6rem 0; } input { display: block; width: 100%; padding: .35rem; box-sizing: border-box; }
    .error { color: #a00; } .note { color: #555; font-size: 13px; } button { margin-top: 1rem; padding: .5rem 1.2rem; }
  </style>
</head>
<body>
  <h1>Sign in</h1>
  <p class="note">Development sign-in that emulates App Service Authentication (Easy Auth). Any values are accepted.</p>
  ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
  <form method="post" action="/.auth/login/dev">
      ${inputs}
      <input type="hidden" name="post_login_redirect_uri" value="${escapeHtml(redirectPath)}">
      <p class="note">After signing in you go to <code>${escapeHtml(redirectPath)}</code>.</p>
      <button type="submit">Sign in</button>
  </form>
</body>
</html>
`;
  // No form-action: Chromium applies it to every redirect after the POST too, and the sign-in
  // returns through authorize to an app on another origin. Cross-site posts are refused by the
  // POST handler itself (Origin and Sec-Fetch-Site checks).
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; frame-ancestors 'none'; base-uri 'none'`;
  return { html, csp };
}
