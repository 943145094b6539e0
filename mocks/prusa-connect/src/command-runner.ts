/**
 * The command API (protocol notes, "Commands"): Connect checks the command (400), checks the
 * printer's state against `executable_from_state` (409 CONFLICT_COMMAND), records it (CREATED), hands
 * it to the printer (EMIT) and logs the printer's answer (FINISHED, or REJECTED with a reason).
 * `POST .../commands` answers as soon as the command is created and runs it right after;
 * `POST .../commands/sync` runs it first and answers `{command, event}`.
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

interface CommandOutcome {
  event: 'FINISHED' | 'REJECTED';
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
  let reason: string | undefined;
  try {
    applyCommand(printer, request);
  } catch (error) {
    if (!SimError.isInstance(error)) throw error;
    reason = error.message;
  } finally {
    printer.syncState();
    printer.activeCommand = undefined;
  }
  const event = printer.addEvent(
    reason === undefined
      ? { event: 'FINISHED', state: stateBefore, ...tag }
      : { event: 'REJECTED', state: stateBefore, reason, ...tag },
  );
  const outcome: CommandOutcome = {
    event: reason === undefined ? 'FINISHED' : 'REJECTED',
    command: created.command,
    state: stateBefore,
    created: event.created,
  };
  if (reason !== undefined) outcome.reason = reason;
  return outcome;
}
