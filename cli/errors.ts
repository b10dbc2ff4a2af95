/**
 * The CLI's exit codes and the one place errors become them. Commands throw CliError (or let SDK
 * errors through); main() prints one line on stderr and returns the code, never a stack trace.
 */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** Bad usage or bad input: a wrong option, a malformed id, a certificate Power Pages would refuse. */
export const usageError = (message: string, cause?: unknown) => new CliError(EXIT.usage, message, { cause });
export const notFound = (message: string) => new CliError(EXIT.notFound, message);

const SIGN_IN_HINT = 'sign in with az login (or set AZURE_* credentials)';

/** Errors @azure/identity throws when it cannot get a token: no credential, or one that was refused. */
const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationRequiredError',
  'AggregateAuthenticationError',
  'AuthenticationError',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  statusCode?: unknown;
  code?: unknown;
  cause?: unknown;
}

function isCredentialFailure(error: ErrorLike): boolean {
  return (typeof error.name === 'string' && CREDENTIAL_ERRORS.has(error.name)) || error.statusCode === 401;
}

/** The Azure SDKs' RestError message is the service's JSON; its `message` field is what a person reads. */
function serviceMessage(error: ErrorLike): string {
  const text = typeof error.message === 'string' ? error.message : String(error);
  try {
    const parsed = JSON.parse(text) as {
      error?: { message?: unknown };
      'odata.error'?: { message?: { value?: unknown } };
    };
    const message = parsed.error?.message ?? parsed['odata.error']?.message?.value;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: the message is already prose
  }
  return text;
}

/** One line: the first line of a message (SDK messages can carry request dumps after it). */
function oneLine(text: string): string {
  return (text.split(/\r?\n/).find((line) => line.trim() !== '') ?? text).trim();
}

/** The host a failed SDK request went to; only the host, since a URL's query can hold a SAS token. */
function hostOf(error: ErrorLike): string | undefined {
  const url = (error as { request?: { url?: unknown } }).request?.url;
  try {
    return typeof url === 'string' ? new URL(url).host : undefined;
  } catch {
    return undefined;
  }
}

/** Maps anything a command threw to an exit code and the line printed on stderr. */
export function describeFailure(thrown: unknown): { exitCode: ExitCode; message: string } {
  if (thrown instanceof CliError) return { exitCode: thrown.exitCode, message: oneLine(thrown.message) };
  const error = (
    typeof thrown === 'object' && thrown !== null ? thrown : { message: String(thrown) }
  ) as ErrorLike;
  // A credential error wrapped by a store or the SDK still means "not signed in".
  const inner = (error.cause ?? {}) as ErrorLike;
  if (isCredentialFailure(error) || isCredentialFailure(inner)) {
    return { exitCode: EXIT.auth, message: `not authenticated: ${SIGN_IN_HINT}` };
  }
  if (error.statusCode === 403) {
    return {
      exitCode: EXIT.auth,
      message: `access denied (${oneLine(serviceMessage(error))}): check your role assignment, or ${SIGN_IN_HINT}`,
    };
  }
  if (error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND' || error.name === 'AbortError') {
    return {
      exitCode: EXIT.failed,
      message: `${hostOf(error) ?? 'the service'} could not be reached (${String(error.code ?? error.name)})`,
    };
  }
  const status = typeof error.statusCode === 'number' ? `HTTP ${error.statusCode}: ` : '';
  return { exitCode: EXIT.failed, message: `${status}${oneLine(serviceMessage(error))}` };
}
