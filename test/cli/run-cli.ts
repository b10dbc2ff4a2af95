import { expect } from 'vitest';
import { main } from '../../cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as the --json document. */
  json<T = Record<string, unknown>>(): T;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  now?: Date;
  cwd?: string;
}

/** Runs the CLI in-process through main(argv, io), with its own env and clock. */
export async function runCli(argv: string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    now: () => options.now ?? new Date(),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

/** The CLI's promise: one line on stderr for a failure, no stack trace, nothing secret anywhere. */
export function expectCleanOutput(run: CliRun, secrets: string[] = []): void {
  const all = run.stdout + run.stderr;
  expect(all).not.toMatch(/PRIVATE KEY/);
  expect(all).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  for (const secret of secrets) expect(all).not.toContain(secret);
  if (run.code !== 0)
    expect(
      run.stderr
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('warning:')),
    ).toHaveLength(1);
}

/** Runs, checks the exit code and the output's cleanliness, and returns the run. */
export async function expectExit(
  code: number,
  argv: string[],
  options: RunOptions = {},
  secrets: string[] = [],
): Promise<CliRun> {
  const run = await runCli(argv, options);
  expect(run.code, `exit code of ${argv.join(' ')}: ${run.stderr}`).toBe(code);
  expectCleanOutput(run, secrets);
  return run;
}
