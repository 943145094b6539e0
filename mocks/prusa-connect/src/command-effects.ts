/**
 * What each command does to the simulated printer. A SimError thrown here means the printer refused
 * the command after Connect accepted it: the command ends REJECTED with the sim's message as reason.
 * Commands with no effect in the sim (SEND_INFO, BEEP, LOAD_FILAMENT, ...) simply finish.
 */
import { ownValue } from '@printkit/core-types/codec';
import { SimError } from '@printkit/printer-sim';
import type { CommandRequest } from './command-validation.js';
import type { PrinterRecord } from './printer-record.js';
import { simFileNameOf } from './storage-path.js';

type Effect = (printer: PrinterRecord, kwargs: Record<string, unknown>) => void;

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

const EFFECTS: Record<string, Effect> = {
  SET_PRINTER_READY: (printer) => {
    // Marking ready means the bed is clear: a finished or stopped print is acknowledged.
    const state = printer.sim.state;
    if (state === 'finished' || state === 'cancelled') printer.sim.clearError();
    printer.ready = true;
  },
  CANCEL_PRINTER_READY: (printer) => {
    printer.ready = false;
  },
  START_PRINT: (printer, kwargs) => {
    const path = String(kwargs.path);
    const name = simFileNameOf(path);
    if (name === undefined || !printer.sim.getFile(name)) {
      throw new SimError('file-not-found', `File not found: ${path}`);
    }
    printer.sim.startPrint(name);
    printer.ready = false;
  },
  PAUSE_PRINT: (printer) => printer.sim.pause(),
  RESUME_PRINT: (printer) => printer.sim.resume(),
  STOP_PRINT: (printer) => {
    printer.attention = undefined;
    printer.sim.cancel();
  },
  SET_NOZZLE_TEMPERATURE: (printer, kwargs) =>
    printer.sim.setTarget('nozzle', num(kwargs.nozzle_temperature)),
  SET_HEATBED_TEMPERATURE: (printer, kwargs) => printer.sim.setTarget('bed', num(kwargs.bed_temperature)),
  SET_SPEED: (printer, kwargs) => printer.sim.setSpeedPercent(num(kwargs.speed)),
  SET_FLOW: (printer, kwargs) => printer.sim.setFlowPercent(num(kwargs.flow)),
  // MOVE and MOVE_Z are relative moves (their templates wrap G1 in G91 … G90).
  MOVE: (printer, kwargs) => printer.sim.move({ x: num(kwargs.x), y: num(kwargs.y) }, { relative: true }),
  MOVE_Z: (printer, kwargs) => printer.sim.move({ z: num(kwargs.distance) }, { relative: true }),
  HOME: (printer, kwargs) => printer.sim.home(typeof kwargs.axis === 'string' ? kwargs.axis : 'xyz'),
  CANCEL_OBJECT: (printer, kwargs) => {
    const job = printer.sim.snapshot().job;
    const record = job && printer.jobRecordFor(job);
    const id = num(kwargs.object_id);
    if (!record || id < 0 || id >= record.objects.length) {
      throw new SimError('invalid-argument', `No object ${id} in the current job`);
    }
    record.canceledObjects.add(id);
  },
  DELETE_FILE: (printer, kwargs) => {
    const path = String(kwargs.path);
    const name = simFileNameOf(path);
    if (name === undefined || !printer.sim.removeFile(name)) {
      throw new SimError('file-not-found', `File not found: ${path}`);
    }
  },
  DIALOG_ACTION: (printer, kwargs) => {
    printer.attention = undefined;
    const button = String(kwargs.button).toLowerCase();
    if (button === 'stop') printer.sim.cancel();
    else if (printer.sim.state === 'paused' && (button === 'resume' || button === 'continue')) {
      printer.sim.resume();
    }
  },
  RESET_PRINTER: (printer) => {
    // A reset reboots the firmware: like a power cycle, a running print is lost.
    printer.attention = undefined;
    printer.sim.powerOff();
    printer.sim.powerOn();
    if (
      !['preparing', 'printing', 'pausing', 'paused', 'resuming', 'cancelling'].includes(printer.sim.state)
    ) {
      printer.sim.clearError();
    }
  },
};

export function applyCommand(printer: PrinterRecord, request: CommandRequest): void {
  // The command name comes off the wire: only the table's own entries may run.
  ownValue(EFFECTS, request.command)?.(printer, request.kwargs);
}
