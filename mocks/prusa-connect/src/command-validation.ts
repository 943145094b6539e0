/**
 * Checks a command request against `supported-commands` (protocol notes: "validate kwargs against
 * it"): the name must be known, required args present, types right, numbers within
 * `min_limit`/`max_limit`, no unknown args. Returns the reason for a 400, or the command definition.
 */
import { CORE_ONE_SUPPORTED_COMMANDS } from './fixtures/supported-commands.js';
import type { SupportedCommand, SupportedCommandArg } from './supported-command.js';

export interface CommandRequest {
  command: string;
  kwargs: Record<string, unknown>;
}

export type CommandCheck =
  | { ok: true; request: CommandRequest; definition: SupportedCommand }
  | { ok: false; reason: string };

export function checkCommand(body: Record<string, unknown>): CommandCheck {
  const { command, kwargs = {} } = body;
  if (typeof command !== 'string' || command.length === 0) {
    return { ok: false, reason: 'Field "command" must be a non-empty string' };
  }
  if (typeof kwargs !== 'object' || kwargs === null || Array.isArray(kwargs)) {
    return { ok: false, reason: 'Field "kwargs" must be an object' };
  }
  const definition = CORE_ONE_SUPPORTED_COMMANDS.find((c) => c.command === command);
  if (!definition) return { ok: false, reason: `Unsupported command: ${command}` };
  const args = kwargs as Record<string, unknown>;
  for (const name of Object.keys(args)) {
    if (!definition.args.some((a) => a.name === name)) {
      return { ok: false, reason: `Unknown argument for ${command}: ${name}` };
    }
  }
  for (const arg of definition.args) {
    const reason = checkArg(command, arg, Object.hasOwn(args, arg.name) ? args[arg.name] : undefined);
    if (reason) return { ok: false, reason };
  }
  return { ok: true, request: { command, kwargs: args }, definition };
}

function checkArg(command: string, arg: SupportedCommandArg, value: unknown): string | undefined {
  if (value === undefined) {
    // HOME lists a default for its required `axis`; an arg with a default may be left out.
    return arg.required && arg.default === undefined
      ? `Missing required argument for ${command}: ${arg.name}`
      : undefined;
  }
  if (!hasType(arg.type, value)) return `Argument ${arg.name} of ${command} must be of type ${arg.type}`;
  if (typeof value === 'number') {
    if (arg.min_limit !== undefined && value < arg.min_limit) {
      return `Argument ${arg.name} of ${command} must be >= ${arg.min_limit}`;
    }
    if (arg.max_limit !== undefined && value > arg.max_limit) {
      return `Argument ${arg.name} of ${command} must be <= ${arg.max_limit}`;
    }
  }
  return undefined;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}
