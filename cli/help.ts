import type { Command } from './command.js';

export const PROGRAM = 'portal-sts';

const EXIT_CODES = `Exit codes: 0 ok, 1 operation failed, 2 bad usage or input, 3 not found,
4 authentication or authorization failure.`;

function commandList(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.path.length));
  return commands.map((command) => `  ${command.path.padEnd(width)}  ${command.summary}`).join('\n');
}

/** `portal-sts --help`, or the commands of one group (`portal-sts cert --help`). */
export function overviewHelp(commands: readonly Command[], group?: string): string {
  const shown = group ? commands.filter((command) => command.path.startsWith(`${group} `)) : commands;
  return `Usage: ${PROGRAM} <command> [options]   (${PROGRAM} <command> --help for its options)

Administers a portal-sts deployment: site settings (Azure Table storage), registered clients,
and signing certificates (Key Vault) with key rotation.

Commands:
${commandList(shown)}

Every command takes --json (a JSON document on stdout, for scripts) and --help.
${EXIT_CODES}
`;
}

export function commandHelp(command: Command): string {
  return `Usage: ${PROGRAM} ${command.usage} [--json]

${command.summary[0]?.toUpperCase() ?? ''}${command.summary.slice(1)}.

${command.help}

${EXIT_CODES}
`;
}
