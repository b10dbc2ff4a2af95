/** Longest text a log line takes from an underlying error; enough to diagnose, short of a dump. */
const MAX_CAUSE_LENGTH = 300;

/** Matches things that must never reach a log line: JWTs, bearer tokens, keys and signatures in URLs. */
const SECRET_PATTERNS: RegExp[] = [
  /eyJ[\w-]+\.[\w-]+\.[\w-]*/g,
  /(bearer\s+)[\w.~+/-]+=*/gi,
  /((?:sig|code|key|secret|password|pwd|token|AccountKey|SharedAccessSignature)=)[^&;\s"']+/gi,
  /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g,
  // Base64 JSON blobs such as X-MS-CLIENT-PRINCIPAL values, and header-like credentials.
  /eyJ[A-Za-z0-9+/=_-]{20,}/g,
  /\b((?:set-cookie|cookie|authorization|x-ms-token-[a-z-]+)["']?\s*[:=]\s*)[^\r\n]*/gi,
];

export function redact(text: string): string {
  return SECRET_PATTERNS.reduce(
    (out, pattern) =>
      out.replace(pattern, (_m, prefix?: string) => `${typeof prefix === 'string' ? prefix : ''}[redacted]`),
    text,
  );
}

/**
 * One line describing an underlying error for the log: its name, code or status, and message,
 * redacted and cut short. Never the stack trace.
 */
export function describeCause(cause: unknown): string {
  if (cause === undefined || cause === null) return '';
  if (!(cause instanceof Error)) return redact(String(cause)).slice(0, MAX_CAUSE_LENGTH);
  const extra = cause as Error & { code?: unknown; statusCode?: unknown };
  const code = extra.code ?? extra.statusCode;
  const head = code === undefined ? cause.name : `${cause.name}(${String(code)})`;
  const message = redact(cause.message.replace(/\s+/g, ' ')).slice(0, MAX_CAUSE_LENGTH);
  return `${head}: ${message}`;
}
