/** Everything a command touches outside its arguments, injectable so tests run the CLI in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  now(): Date;
  env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths are resolved against (files, --dir). */
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => new Date(),
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * Wraps an io so that no registered secret (a PFX password, a connection string or its account key)
 * is ever printed, whatever a library put into an error message.
 */
export function redactingIo(io: CliIo): { io: CliIo; addSecret(value: string | undefined): void } {
  const secrets = new Set<string>();
  const redact = (text: string) => {
    let result = text;
    // Longest first, so a connection string is replaced whole rather than around its key.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
      result = result.split(secret).join('***');
    }
    return result;
  };
  return {
    io: { ...io, stdout: (text) => io.stdout(redact(text)), stderr: (text) => io.stderr(redact(text)) },
    addSecret(value) {
      // Very short values would redact ordinary words; such "secrets" protect nothing anyway.
      if (value && value.length >= 4) secrets.add(value);
    },
  };
}
