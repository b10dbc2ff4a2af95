/**
 * Masks credentials in log lines before they reach stdout. Handlers should not log tokens in the
 * first place; this is the dev host's second line of defence, because dev logs get pasted into chats.
 */
const PATTERNS: [RegExp, string][] = [
  // JWTs and JWS (three base64url parts, the first one a JSON header).
  [/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, '[redacted token]'],
  // Base64 JSON blobs such as X-MS-CLIENT-PRINCIPAL values.
  [/eyJ[A-Za-z0-9+/=_-]{20,}/g, '[redacted]'],
  // Header-like credentials: `Cookie: ...`, `authorization=Bearer ...`.
  [/\b(set-cookie|cookie|authorization|x-ms-token-[a-z-]+)(["']?\s*[:=]\s*)[^\r\n]*/gi, '$1$2[redacted]'],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/g, 'Bearer [redacted]'],
  // PEM private keys.
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, '[redacted private key]'],
];

export function redactSecrets(line: string): string {
  return PATTERNS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), line);
}
