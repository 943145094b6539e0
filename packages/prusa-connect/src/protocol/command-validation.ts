/**
 * Checks a command against a printer's `supported-commands` before it is sent, so a wrong name or
 * argument fails at once with a typed error instead of a round trip and a 400/409:
 * - an unknown command name → `UnsupportedError` (capability = the command name);
 * - a missing required argument, a value of the wrong type, a number outside `min_limit`/`max_limit`
 *   → `CommandValidationError` listing every problem.
 * Lenient where the list is: arguments it does not name are let through (the MOVE spec omits `z`,
 * which the notes report), a required argument with a `default` may be omitted, and bare-name `args`
 * (older printers) only say that the name exists.
 */
import { UnsupportedError } from '@printkit/core-types';
import { ownValue } from '@printkit/core-types/codec';
import { CommandValidationError } from './errors.js';
import type { CommandArgSpec, SupportedCommands } from './wire.js';

export interface CommandValidationOptions {
  /** Also refuse arguments the supported-commands list does not name. Default false. */
  strict?: boolean;
}

function typeProblem(spec: CommandArgSpec, value: unknown): string | undefined {
  const where = spec.name;
  switch (spec.type) {
    case 'string':
      return typeof value === 'string' ? undefined : `${where}: expected a string`;
    case 'integer':
      return Number.isInteger(value) ? undefined : `${where}: expected an integer`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `${where}: expected a number`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${where}: expected a boolean`;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? undefined
        : `${where}: expected an object`;
    case 'array':
      return Array.isArray(value) ? undefined : `${where}: expected an array`;
    default:
      return undefined; // unknown or missing type: nothing to check
  }
}

/** Builds a checker for one printer's supported-commands list. */
export function createCommandValidator(supported: SupportedCommands, options: CommandValidationOptions = {}) {
  // A name may appear more than once (the CORE One lists CANCEL_OBJECT twice): merge their args.
  const byName = new Map<string, { specs: Map<string, CommandArgSpec>; names: Set<string> }>();
  for (const entry of supported.commands) {
    const known = byName.get(entry.command) ?? { specs: new Map(), names: new Set() };
    for (const arg of entry.args ?? []) {
      if (typeof arg === 'string') known.names.add(arg);
      else {
        known.names.add(arg.name);
        known.specs.set(arg.name, arg);
      }
    }
    byName.set(entry.command, known);
  }

  return {
    /** Whether the printer lists `command`. */
    supports: (command: string): boolean => byName.has(command),
    /** Throws `UnsupportedError` / `CommandValidationError` when the command would be refused. */
    check(command: string, kwargs: Record<string, unknown>): void {
      const known = byName.get(command);
      if (!known) {
        throw new UnsupportedError(`This printer does not list the command ${command}`, {
          capability: command,
          operation: `command ${command}`,
        });
      }
      const problems: string[] = [];
      for (const spec of known.specs.values()) {
        // Own properties only: an argument the printer names `constructor` is not Object's constructor.
        const value = ownValue(kwargs, spec.name);
        if (value === undefined) {
          if (spec.required && spec.default === undefined) problems.push(`${spec.name}: required`);
          continue;
        }
        const problem = typeProblem(spec, value);
        if (problem) {
          problems.push(problem);
          continue;
        }
        if (typeof value === 'number') {
          if (typeof spec.min_limit === 'number' && value < spec.min_limit)
            problems.push(`${spec.name}: ${value} is below the minimum ${spec.min_limit}`);
          if (typeof spec.max_limit === 'number' && value > spec.max_limit)
            problems.push(`${spec.name}: ${value} is above the maximum ${spec.max_limit}`);
        }
      }
      if (options.strict) {
        for (const name of Object.keys(kwargs)) {
          if (!known.names.has(name)) problems.push(`${name}: not an argument of ${command}`);
        }
      }
      if (problems.length > 0) throw new CommandValidationError(command, problems);
    },
  };
}

export type CommandValidator = ReturnType<typeof createCommandValidator>;
