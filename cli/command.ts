import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './io.js';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandContext {
  values: OptionValues;
  /** The arguments after the command's own words (`settings get --site s NAME` gives [NAME]). */
  positionals: string[];
  io: CliIo;
  /** Registers a value that must never be printed (see redactingIo). */
  addSecret(value: string | undefined): void;
}

export interface CommandResult {
  /** Text mode: the lines printed on stdout. */
  text: string[];
  /** --json mode: the document printed on stdout (warnings are added to it). */
  json: Record<string, unknown>;
  /** Printed on stderr as `warning: ...` in both modes. */
  warnings?: string[];
}

export interface Command {
  /** The words that select it: `settings get`. */
  path: string;
  summary: string;
  /** The full --help text, after the usage line. */
  help: string;
  usage: string;
  options: OptionSpecs;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number };
  run(context: CommandContext): Promise<CommandResult>;
}
