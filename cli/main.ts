import { parseArgs } from 'node:util';
import type { Command, CommandContext, CommandResult, OptionValues } from './command.js';
import { COMMANDS } from './commands/index.js';
import { describeFailure, EXIT, usageError } from './errors.js';
import { commandHelp, overviewHelp, PROGRAM } from './help.js';
import { type CliIo, processIo, redactingIo } from './io.js';
import { COMMON_OPTIONS } from './options.js';

const SECRET_OPTIONS = ['--password', '--connection-string'];

/** The command named by the leading words of argv, and the arguments after them. */
function findCommand(argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  const path = `${argv[0] ?? ''} ${argv[1] ?? ''}`;
  const command = COMMANDS.find((candidate) => candidate.path === path);
  return command ? { command, rest: argv.slice(2) } : undefined;
}

function parse(command: Command, args: string[]): { values: OptionValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...COMMON_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as OptionValues, positionals };
  } catch (error) {
    // Node's parseArgs messages are clear; only their first sentence is needed.
    const message = (error as Error).message.split('. ')[0] ?? 'bad arguments';
    throw usageError(`${message} (see ${PROGRAM} ${command.path} --help)`);
  }
}

/** Secret option values, found before parsing so that no message about a bad command line can echo one. */
function registerSecretArguments(
  args: readonly string[],
  addSecret: (value: string | undefined) => void,
): void {
  args.forEach((arg, index) => {
    for (const option of SECRET_OPTIONS) {
      if (arg === option) addSecret(args[index + 1]);
      else if (arg.startsWith(`${option}=`)) addSecret(arg.slice(option.length + 1));
    }
  });
}

function print(io: CliIo, result: CommandResult, json: boolean): void {
  const warnings = result.warnings ?? [];
  for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
  if (json)
    io.stdout(`${JSON.stringify({ ...result.json, ...(warnings.length ? { warnings } : {}) }, null, 2)}\n`);
  else if (result.text.length > 0) io.stdout(`${result.text.join('\n')}\n`);
}

/**
 * Runs one CLI invocation and returns its exit code. Everything it prints goes through `io`, so
 * tests run it in-process; every failure becomes one line on stderr (errors.ts decides the code).
 */
export async function main(argv: readonly string[], baseIo: CliIo = processIo()): Promise<number> {
  const { io, addSecret } = redactingIo(baseIo);
  const [first, second] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    (first === undefined ? io.stderr : io.stdout)(overviewHelp(COMMANDS));
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  const found = findCommand(argv);
  if (!found) {
    const isGroup = COMMANDS.some((command) => command.path.startsWith(`${first} `));
    if (isGroup && (second === undefined || second === '--help' || second === '-h')) {
      (second === undefined ? io.stderr : io.stdout)(overviewHelp(COMMANDS, first));
      return second === undefined ? EXIT.usage : EXIT.ok;
    }
    io.stderr(
      `${PROGRAM}: unknown command '${[first, second].filter(Boolean).join(' ')}' (see ${PROGRAM} --help)\n`,
    );
    return EXIT.usage;
  }
  const { command, rest } = found;
  try {
    // Secrets are registered before parsing, so even a usage error cannot echo one.
    addSecret(baseIo.env.SITE_SETTINGS_CONNECTION_STRING);
    addSecret(baseIo.env.PORTAL_STS_CERT_PASSWORD);
    registerSecretArguments(rest, addSecret);
    const { values, positionals } = parse(command, rest);
    if (values.help === true) {
      io.stdout(commandHelp(command));
      return EXIT.ok;
    }
    const { min, max } = command.positionals;
    if (positionals.length < min || positionals.length > max) {
      throw usageError(`usage: ${PROGRAM} ${command.usage}`);
    }
    const context: CommandContext = { values, positionals, io, addSecret };
    print(io, await command.run(context), values.json === true);
    return EXIT.ok;
  } catch (error) {
    const { exitCode, message } = describeFailure(error);
    io.stderr(`${PROGRAM}: ${message}\n`);
    return exitCode;
  }
}
