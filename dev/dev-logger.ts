import { redact } from '../shared/http/describe-cause.js';

/** Where the dev host writes its lines; tests pass an array's push to assert on them. */
export type LogSink = (line: string) => void;

export interface DevLogger {
  info(message: string): void;
  warn(message: string): void;
  /** A line a handler logged through its InvocationContext. */
  handler(functionName: string, level: string, message: string): void;
  /** One line per request: no query string (it may carry state, nonces or redirect targets). */
  request(method: string, path: string, status: number, milliseconds: number): void;
}

const stdoutSink: LogSink = (line) => process.stdout.write(`${line}\n`);

export function createDevLogger(sink: LogSink = stdoutSink): DevLogger {
  const write = (line: string) => sink(redact(line));
  const time = () => new Date().toISOString().slice(11, 23);
  return {
    info: (message) => write(`[${time()}] ${message}`),
    warn: (message) => write(`[${time()}] warning: ${message}`),
    handler: (functionName, level, message) => write(`[${time()}] ${functionName} ${level}: ${message}`),
    request: (method, path, status, milliseconds) =>
      write(`[${time()}] ${method} ${path} -> ${status} (${Math.round(milliseconds)} ms)`),
  };
}
