/**
 * The command API (protocol notes, "Commands"): Connect checks the command (400), checks the
 * printer's state against `executable_from_state` (409 CONFLICT_COMMAND), records it (CREATED), hands
 * it to the printer (EMIT) and logs the printer's answer (FINISHED, or REJECTED with a reason).
 * `POST .../commands` answers as soon as the command is created and runs it right after;
 * `POST .../commands/sync` runs it first and answers `{command, event}`.
 *
 * REJECTED means the printer refused the command (the sim's SimError: missing file, wrong state,
 * out of range…); FAILED means it took the command and failing ran it — as in
 * prusa3d/Prusa-Connect-SDK-Printer `command.py` (`reject` vs `failed` when the handler raises). The
 * mock fails a command only when told to: a printer fault on operation `COMMAND <NAME>` (any kind)
 * ends that command FAILED with the fault's `message` (default "Command error") as reason. Both
 * events, and the sync reply's `event`, carry the reason.
 */
import { SimError } from '@printkit/printer-sim';
import { HttpResponse } from 'msw';
import { applyCommand } from './command-effects.js';
import { type CommandRequest, checkCommand } from './command-validation.js';
import { badRequest, conflictCommand } from './connect-error.js';
import type { PrinterRecord } from './printer-record.js';
import type { MockWorld } from './state.js';

const SOURCE = 'CONNECT_USER';

interface CreatedCommand {
  id: number;
  state: 'CREATED';
  command: string;
  received: number;
  source: string;
  kwargs: Record<string, unknown>;
}

type CommandEnd = 'FINISHED' | 'REJECTED' | 'FAILED';

/** The fault operation that makes a command fail on the printer, e.g. `COMMAND START_PRINT`. */
export function commandFaultOperation(command: string): string {
  return `COMMAND ${command}`;
}

interface CommandOutcome {
  event: CommandEnd;
  command: string;
  state: string;
  created: number;
  reason?: string;
}

export function runCommand(
  world: MockWorld,
  printer: PrinterRecord,
  body: Record<string, unknown>,
  mode: 'async' | 'sync',
): Response {
  const check = checkCommand(body);
  if (!check.ok) return badRequest(check.reason);
  const state = printer.connectState;
  const allowed = check.definition.executable_from_state;
  if (allowed && !allowed.includes(state)) {
    return conflictCommand(`${check.request.command} is not allowed while the printer is ${state}`);
  }
  const created: CreatedCommand = {
    id: world.nextCommandId(),
    state: 'CREATED',
    command: check.request.command,
    received: world.nowSeconds(),
    source: SOURCE,
    kwargs: check.request.kwargs,
  };
  printer.addEvent({ event: 'CREATED', source: SOURCE, command: created.command, command_id: created.id });

  if (mode === 'sync') {
    const outcome = execute(printer, created, check.request);
    return HttpResponse.json({ command: created, event: outcome });
  }
  // Runs after this response is produced, like a printer picking the command up on its next poll.
  const pending: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
    world.pending.delete(pending);
    execute(printer, created, check.request);
  });
  world.pending.add(pending);
  return HttpResponse.json(created, { status: 201 });
}

function execute(printer: PrinterRecord, created: CreatedCommand, request: CommandRequest): CommandOutcome {
  const tag = { command: created.command, command_id: created.id, source: SOURCE };
  printer.addEvent({ event: 'EMIT', ...tag });
  // The printer acknowledges in the state it was in; state changes follow as STATE_CHANGED events.
  const stateBefore = printer.connectState;
  printer.activeCommand = { command: created.command, id: created.id, source: SOURCE };
  let end: CommandEnd = 'FINISHED';
  let reason: string | undefined;
  try {
    const failure = takeCommandFault(printer, created.command);
    if (failure !== undefined) {
      end = 'FAILED';
      reason = failure;
    } else applyCommand(printer, request);
  } catch (error) {
    // The sim refusing is REJECTED; anything else went wrong while running it, as Connect's FAILED.
    end = SimError.isInstance(error) ? 'REJECTED' : 'FAILED';
    reason = SimError.isInstance(error) ? error.message : 'Command error';
  } finally {
    printer.syncState();
    printer.activeCommand = undefined;
  }
  const event = printer.addEvent(
    reason === undefined
      ? { event: end, state: stateBefore, ...tag }
      : { event: end, state: stateBefore, reason, ...tag },
  );
  const outcome: CommandOutcome = {
    event: end,
    command: created.command,
    state: stateBefore,
    created: event.created,
  };
  if (reason !== undefined) outcome.reason = reason;
  return outcome;
}

/** The reason a faulted command fails with, when a printer fault names exactly this command. */
function takeCommandFault(printer: PrinterRecord, command: string): string | undefined {
  const operation = commandFaultOperation(command);
  // Only a rule naming the command: a '*' rule is for HTTP operations and must not end commands.
  if (printer.faults.peek(operation)?.operation !== operation) return undefined;
  const fault = printer.faults.take(operation);
  if (!fault) return undefined;
  return fault.message ?? 'Command error';
}
