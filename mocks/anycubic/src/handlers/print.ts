/**
 * `print/*` commands (seed "Start printing", "Stop current print", "Change ... temperature", "Adjust
 * print speed"; notes "Commands"). Transition reports (preheating, printing, pausing ...) are published
 * by the printer when the sim changes state, so only the immediate answers are here.
 */
import { type PrinterSim, SimError } from '@printkit/printer-sim';
import { type PrintSpeedMode, SPEED_PERCENT_BY_MODE } from '../device-state.js';
import { ANYCUBIC_CODES } from '../error-codes.js';
import { printUpdateData, projectData } from '../reports/print.js';
import { ACTIVE_SIM_STATES } from '../reports/status.js';
import { numberField, recordField, stringField } from '../wire.js';
import type { CommandContext, CommandHandler } from './context.js';

/** Finds a local file by its exact name, or by its last path segment (the slicer sends `dir/name`). */
export function findLocalFile(sim: PrinterSim, filename: string) {
  const exact = sim.getFile(filename);
  if (exact) return exact;
  const base = filename.split('/').at(-1) ?? filename;
  return sim.getFile(base) ?? sim.listFiles().find((file) => file.name.split('/').at(-1) === base);
}

/** Runs a sim command; a refusal becomes a `failed` report with the code the sim error maps to. */
export function simCommand(ctx: CommandContext, run: () => void): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (!SimError.isInstance(error)) throw error;
    const code =
      error.code === 'busy'
        ? ANYCUBIC_CODES.taskActive
        : error.code === 'file-not-found'
          ? ANYCUBIC_CODES.unknownFile
          : ANYCUBIC_CODES.invalidState;
    ctx.fail(code, error.message);
    return false;
  }
}

const start: CommandHandler = (ctx) => {
  const { sim, device } = ctx.printer;
  const data = ctx.command.data;
  if (ACTIVE_SIM_STATES.has(sim.state)) {
    ctx.fail(ANYCUBIC_CODES.taskActive, 'task still active');
    return;
  }
  const filename = stringField(data, 'filename');
  const file = filename ? findLocalFile(sim, filename) : undefined;
  if (!filename || !file) {
    ctx.fail(ANYCUBIC_CODES.unknownFile, `cannot parse file ${filename ?? '(no filename)'}`);
    return;
  }
  const taskid = stringField(data, 'taskid') ?? '-1';
  ctx.reply('checking', { taskid, filename: file.name });
  const before = {
    taskid: device.taskid,
    taskId: device.taskId,
    projectType: device.projectType,
    taskSettings: device.taskSettings,
  };
  device.taskid = taskid;
  // The first id is the one in the Kobra S1 capture (Nino PROTOCOL.md §6.2); each job takes the next.
  device.taskId = device.taskId === 0 ? FIRST_TASK_ID : device.taskId + 1;
  device.projectType = numberField(data, 'project_type') ?? 1;
  device.taskSettings = recordField(data, 'task_settings');
  if (!simCommand(ctx, () => sim.startPrint(file.name))) Object.assign(device, before);
};

const FIRST_TASK_ID = 614_707_220;

/**
 * `data.taskid` of pause / resume / stop: `"-1"` (older clients, the seed) or the job's real id from
 * `info.project.task_id`, as a string or an integer (notes, "More wire facts"). Absent is accepted too.
 */
function namesCurrentTask(data: Record<string, unknown> | null, taskId: number): boolean {
  const given = data !== null && Object.hasOwn(data, 'taskid') ? data.taskid : undefined;
  if (given === undefined || given === '-1' || given === -1) return true;
  return taskId !== 0 && (given === taskId || given === String(taskId));
}

/** `print/pause|resume|stop`: the sim's transition events publish the intermediate and final states. */
function jobCommand(run: (sim: PrinterSim) => void): CommandHandler {
  return (ctx) => {
    if (!namesCurrentTask(ctx.command.data, ctx.printer.device.taskId)) {
      ctx.fail(ANYCUBIC_CODES.invalidState, 'taskid names no current task');
      return;
    }
    simCommand(ctx, () => run(ctx.printer.sim));
  };
}

/** `print/query`: the job, shaped like `info.project`; silent while idle (Nino PROTOCOL.md §6.9). */
const query: CommandHandler = (ctx) => {
  const project = projectData(ctx.printer);
  if (project) ctx.reply(project.state, project);
};

function isSpeedMode(value: number | undefined): value is PrintSpeedMode {
  return value === 1 || value === 2 || value === 3;
}

/** Settings while printing; an idle printer ignores the command silently (notes). */
const update: CommandHandler = (ctx) => {
  const { sim, device } = ctx.printer;
  if (!ACTIVE_SIM_STATES.has(sim.state)) return;
  const settings = recordField(ctx.command.data, 'settings');
  if (!settings) {
    ctx.fail(ANYCUBIC_CODES.invalidState, 'print/update needs data.settings');
    return;
  }
  const mode = numberField(settings, 'print_speed_mode');
  if (settings.print_speed_mode !== undefined && !isSpeedMode(mode)) {
    ctx.fail(ANYCUBIC_CODES.invalidState, 'print_speed_mode must be 1, 2 or 3');
    return;
  }
  const ok = simCommand(ctx, () => {
    const nozzle = numberField(settings, 'target_nozzle_temp');
    const bed = numberField(settings, 'target_hotbed_temp');
    const fan = numberField(settings, 'fan_speed_pct');
    const aux = numberField(settings, 'aux_fan_speed_pct');
    const boxFan = numberField(settings, 'box_fan_level');
    const zComp = numberField(settings, 'z_comp');
    if (nozzle !== undefined) sim.setTarget('nozzle', nozzle);
    if (bed !== undefined) sim.setTarget('bed', bed);
    if (fan !== undefined) sim.setFanPercent(fan);
    if (isSpeedMode(mode)) {
      sim.setSpeedPercent(SPEED_PERCENT_BY_MODE[mode]);
      device.printSpeedMode = mode;
    }
    if (aux !== undefined) device.auxFanSpeedPct = clampPercent(aux);
    if (boxFan !== undefined) device.boxFanLevel = boxFan;
    if (zComp !== undefined) device.zComp = zComp;
  });
  if (ok) ctx.reply('updated', printUpdateData(ctx.printer));
};

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}

export const printHandlers: Record<string, CommandHandler> = {
  start,
  pause: jobCommand((sim) => sim.pause()),
  resume: jobCommand((sim) => sim.resume()),
  stop: jobCommand((sim) => sim.cancel()),
  update,
  query,
};
