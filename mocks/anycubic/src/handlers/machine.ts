/** Info, temperature, fan, light, camera, axis and peripheral commands (seed and notes, "Commands"). */
import { SimError } from '@printkit/printer-sim';
import { ANYCUBIC_CODES } from '../error-codes.js';
import { lightName } from '../models.js';
import { fanData } from '../reports/fan.js';
import { infoData } from '../reports/info.js';
import { lightsData } from '../reports/light.js';
import { peripherieData } from '../reports/peripherie.js';
import { temperatureData } from '../reports/temperature.js';
import { numberField } from '../wire.js';
import type { CommandContext, CommandHandler } from './context.js';
import { simCommand } from './print.js';

/** The seed's info reply has action `report` and state `done`. */
const infoQuery: CommandHandler = (ctx) => ctx.reply('done', infoData(ctx.printer), { action: 'report' });

/** `tempature/set` `{ type: 0 nozzle | 1 bed | 2 both, target_hotbed_temp, target_nozzle_temp }` (Kobra X). */
const temperatureSet: CommandHandler = (ctx) => {
  const data = ctx.command.data;
  const which = numberField(data, 'type') ?? 2;
  const nozzle = numberField(data, 'target_nozzle_temp');
  const bed = numberField(data, 'target_hotbed_temp');
  if (![0, 1, 2].includes(which)) {
    ctx.fail(ANYCUBIC_CODES.invalidState, 'tempature type must be 0, 1 or 2');
    return;
  }
  const wantsNozzle = which === 0 || which === 2;
  const wantsBed = which === 1 || which === 2;
  if ((wantsNozzle && nozzle === undefined && !wantsBed) || (wantsBed && bed === undefined && !wantsNozzle)) {
    ctx.fail(ANYCUBIC_CODES.invalidState, 'missing target temperature');
    return;
  }
  const { sim } = ctx.printer;
  const ok = simCommand(ctx, () => {
    if (wantsNozzle && nozzle !== undefined) sim.setTarget('nozzle', nozzle);
    if (wantsBed && bed !== undefined) sim.setTarget('bed', bed);
  });
  if (ok) ctx.reply('done', temperatureData(ctx.printer));
};

const fanSetSpeed: CommandHandler = (ctx) => {
  const data = ctx.command.data;
  const pct = numberField(data, 'fan_speed_pct');
  const aux = numberField(data, 'aux_fan_speed_pct');
  const box = numberField(data, 'box_fan_level');
  if (pct === undefined && aux === undefined && box === undefined) {
    ctx.fail(ANYCUBIC_CODES.invalidState, 'fan/setSpeed needs fan_speed_pct');
    return;
  }
  const { sim, device } = ctx.printer;
  const ok = simCommand(ctx, () => {
    if (pct !== undefined) sim.setFanPercent(pct);
    if (aux !== undefined) device.auxFanSpeedPct = Math.min(100, Math.max(0, aux));
    if (box !== undefined) device.boxFanLevel = box;
  });
  if (ok) ctx.reply('done', fanData(ctx.printer));
};

const lightControl: CommandHandler = (ctx) => {
  const data = ctx.command.data;
  const type = numberField(data, 'type');
  const status = numberField(data, 'status');
  const brightness = numberField(data, 'brightness') ?? (status === 1 ? 100 : 0);
  const light = type === undefined ? undefined : ctx.printer.device.lights.get(type);
  if (!light) {
    ctx.fail(
      ANYCUBIC_CODES.invalidState,
      `no light of type ${type ?? '(missing)'} on ${ctx.printer.model.name}`,
    );
    return;
  }
  if ((status !== 0 && status !== 1) || brightness < 0 || brightness > 100) {
    ctx.fail(ANYCUBIC_CODES.invalidState, 'light status must be 0|1 and brightness 0..100');
    return;
  }
  light.status = status;
  light.brightness = brightness;
  mirrorLight(ctx, light.type, status === 1);
  ctx.reply('done', { ...light });
};

function mirrorLight(ctx: CommandContext, type: number, on: boolean): void {
  // The sim light this type switches on the model, if the sim was built with such a light.
  const name = lightName(ctx.printer.model, type);
  if (!name) return;
  try {
    ctx.printer.sim.setLight(name, on);
  } catch (error) {
    // The sim has no light by that name (the caller built it without one): the mock state is enough.
    if (!SimError.isInstance(error)) throw error;
  }
}

const AXES_BY_CODE: Readonly<Record<number, string>> = { 1: 'x', 2: 'y', 3: 'z', 4: 'xy', 5: 'xyz' };

/** `axis/query` → `data.coordinates{x, y, z}` in mm (Nino PROTOCOL.md §6.6, a Kobra S1). */
function positionData(ctx: CommandContext) {
  const { x, y, z } = ctx.printer.snapshot().position;
  return { coordinates: { x, y, z } };
}

/** `axis/move` `{ axis: 1 X … 5 XYZ, move_type: 0 minus | 1 plus | 2 home, distance }`. */
const axisMove: CommandHandler = (ctx) => {
  const data = ctx.command.data;
  const axes = AXES_BY_CODE[numberField(data, 'axis') ?? -1];
  const moveType = numberField(data, 'move_type');
  const distance = numberField(data, 'distance') ?? 0;
  if (!axes || (moveType !== 0 && moveType !== 1 && moveType !== 2)) {
    ctx.fail(ANYCUBIC_CODES.invalidState, 'axis must be 1..5 and move_type 0, 1 or 2');
    return;
  }
  const { sim } = ctx.printer;
  const ok = simCommand(ctx, () => {
    if (moveType === 2) sim.home(axes);
    else {
      const delta = moveType === 1 ? distance : -distance;
      sim.move(Object.fromEntries([...axes].map((axis) => [axis, delta])), { relative: true });
    }
  });
  // The end of a jog or homing move: `done` with `data: null`, no position (§6.6).
  if (ok) ctx.reply('done', null);
};

export const infoHandlers: Record<string, CommandHandler> = { query: infoQuery };

export const temperatureHandlers: Record<string, CommandHandler> = {
  set: temperatureSet,
  query: (ctx) => ctx.reply('done', temperatureData(ctx.printer)),
};

export const fanHandlers: Record<string, CommandHandler> = {
  setSpeed: fanSetSpeed,
  query: (ctx) => ctx.reply('done', fanData(ctx.printer)),
};

export const lightHandlers: Record<string, CommandHandler> = {
  control: lightControl,
  query: (ctx) => ctx.reply('done', lightsData(ctx.printer)),
};

/** The stream is served only between these two (notes, "camera"). */
export const videoHandlers: Record<string, CommandHandler> = {
  startCapture: (ctx) => {
    ctx.printer.device.capturing = true;
    ctx.reply('initSuccess', null);
  },
  stopCapture: (ctx) => {
    ctx.printer.device.capturing = false;
    ctx.reply('pushStopped', null);
  },
};

export const axisHandlers: Record<string, CommandHandler> = {
  move: axisMove,
  // The sim has no motor-off state; the firmware's answer is not in the notes: `done`, data null like move.
  turnOff: (ctx) => ctx.reply('done', null),
  query: (ctx) => ctx.reply('done', positionData(ctx)),
};

/** `aiSettings/query` (Kobra S1 capture): the settings nested under `data.ai_settings`. */
export const aiSettingsHandlers: Record<string, CommandHandler> = {
  query: (ctx) => ctx.reply('done', { ai_settings: structuredClone(ctx.printer.device.aiSettings) }),
};

/**
 * `extfilbox/query`: printers without an external spool box stay silent (Nino PROTOCOL.md §6.9); one
 * without an ACE reports its external spool here (TigerTag PROTOCOL.md §5b: action `reportInfo`, state
 * `success`, a single spool `{id, type, color, loaded, status_type, current_status}`; values the mock's).
 */
export const extfilboxHandlers: Record<string, CommandHandler> = {
  query: (ctx) => {
    if (ctx.printer.device.aceBoxes.length > 0) return;
    ctx.reply(
      'success',
      { id: -1, type: 'PLA', color: [255, 255, 255], loaded: 1, status_type: 0, current_status: 0 },
      { action: 'reportInfo' },
    );
  },
};

export const peripherieHandlers: Record<string, CommandHandler> = {
  query: (ctx) => ctx.reply('done', peripherieData(ctx.printer)),
};
