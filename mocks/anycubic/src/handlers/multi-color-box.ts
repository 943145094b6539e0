/**
 * multiColorBox (ACE) commands (notes, "multi-colour box"): getInfo answers the full state; setInfo,
 * setDry, setAutoFeed and feedFilament answer **partial** reports (box `id` plus what changed), as the
 * firmware does (fixture multicolorbox_slim.json). A plain `query` gets nothing (notes).
 *
 * The notes give setDry/setAutoFeed/feedFilament without a box id; the mock accepts `data.id` (default
 * box 0) or the `multi_color_box: [{ id, ... }]` form setInfo uses.
 */
import type { AceBox, AceSlot } from '../ace.js';
import { ANYCUBIC_CODES } from '../error-codes.js';
import { multiColorBoxData, partialBoxData } from '../reports/multi-color-box.js';
import { isRecord, numberField, recordField } from '../wire.js';
import type { CommandContext, CommandHandler } from './context.js';

type BoxPart = { id: number } & Partial<AceBox>;

/** The per-box requests of a command, from either the flat or the `multi_color_box` form. */
function boxRequests(ctx: CommandContext): Array<Record<string, unknown>> {
  const data = ctx.command.data;
  const nested = data?.multi_color_box;
  if (Array.isArray(nested)) return nested.filter(isRecord);
  return data ? [data] : [];
}

/**
 * The state each ACE answer carries (Nino6689/anycubic-lan docs/QUESTIONS.md Q1, a Kobra S1; TigerTag
 * PROTOCOL.md §5b): `success` for getInfo / setInfo / setDry, `done` for feedFilament / setAutoFeed.
 */
const COMPLETED: Readonly<Record<string, string>> = {
  getInfo: 'success',
  setInfo: 'success',
  setDry: 'success',
  setAutoFeed: 'done',
  feedFilament: 'done',
};

function completedState(action: string): string {
  return Object.hasOwn(COMPLETED, action) ? (COMPLETED[action] ?? 'done') : 'done';
}

/** Applies `change` to every requested box; answers one partial report, or fails without changing anything. */
function boxCommand(
  change: (box: AceBox, request: Record<string, unknown>, ctx: CommandContext) => BoxPart | string,
): CommandHandler {
  return (ctx) => {
    const requests = boxRequests(ctx);
    if (requests.length === 0) {
      ctx.fail(ANYCUBIC_CODES.invalidState, `${ctx.command.action} needs data`);
      return;
    }
    const boxes = ctx.printer.device.aceBoxes;
    const staged = structuredClone(boxes);
    const parts: BoxPart[] = [];
    for (const request of requests) {
      const id = numberField(request, 'id') ?? 0;
      const box = staged.find((candidate) => candidate.id === id);
      if (!box) {
        ctx.fail(ANYCUBIC_CODES.invalidState, `no multi-colour box with id ${id}`);
        return;
      }
      const part = change(box, request, ctx);
      if (typeof part === 'string') {
        ctx.fail(ANYCUBIC_CODES.invalidState, part);
        return;
      }
      parts.push(part);
    }
    const loadedBefore = new Map(boxes.map((box) => [box.id, box.loaded_slot]));
    boxes.splice(0, boxes.length, ...staged);
    ctx.reply(completedState(ctx.command.action), partialBoxData(parts));
    // A changed loaded slot is also pushed unasked: `autoUpdateInfo` / `done`, `{id, loaded_slot}`
    // (Nino QUESTIONS.md Q1: "pushed unprompted when the loaded slot changes").
    const moved = staged.filter((box) => loadedBefore.get(box.id) !== box.loaded_slot);
    if (moved.length > 0) {
      ctx.push('autoUpdateInfo', 'done', {
        multi_color_box: moved.map((box) => ({ id: box.id, loaded_slot: box.loaded_slot })),
      });
    }
  };
}

function isColor(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.length >= 3 &&
    value.every((c) => typeof c === 'number' && Number.isInteger(c) && c >= 0 && c <= 255)
  );
}

const setInfo = boxCommand((box, request) => {
  const slots = request.slots;
  if (!Array.isArray(slots) || slots.length === 0) return 'setInfo needs slots';
  const changed: AceSlot[] = [];
  for (const slot of slots) {
    const index = isRecord(slot) ? numberField(slot, 'index') : undefined;
    const target = box.slots.find((candidate) => candidate.index === index);
    if (!isRecord(slot) || !target) return `no slot with index ${String(index)} in box ${box.id}`;
    if (slot.type !== undefined && typeof slot.type !== 'string') return 'slot type must be a string';
    if (slot.color !== undefined && !isColor(slot.color)) return 'slot color must be [r, g, b]';
    if (typeof slot.type === 'string') target.type = slot.type;
    if (isColor(slot.color)) target.color = [...slot.color];
    if (typeof slot.sku === 'string') target.sku = slot.sku;
    changed.push({ ...target, color: [...target.color] });
  }
  return { id: box.id, slots: changed };
});

const setDry = boxCommand((box, request, ctx) => {
  const drying = recordField(request, 'drying_status');
  const status = numberField(drying, 'status');
  if (status !== 0 && status !== 1) return 'drying_status.status must be 0 or 1';
  const started = ctx.printer.device.dryingStartedAt;
  if (status === 0) {
    box.drying_status = { status: 0, target_temp: 0, duration: 0, remain_time: 0 };
    started.delete(box.id);
  } else {
    const targetTemp = numberField(drying, 'target_temp');
    const duration = numberField(drying, 'duration');
    if (targetTemp === undefined || duration === undefined || duration <= 0) {
      return 'drying needs target_temp and a duration in minutes';
    }
    box.drying_status = { status: 1, target_temp: targetTemp, duration, remain_time: duration };
    started.set(box.id, ctx.printer.sim.clock.now());
  }
  return { id: box.id, drying_status: { ...box.drying_status } };
});

const setAutoFeed = boxCommand((box, request) => {
  const autoFeed = numberField(request, 'auto_feed');
  if (autoFeed !== 0 && autoFeed !== 1) return 'auto_feed must be 0 or 1';
  box.auto_feed = autoFeed;
  return { id: box.id, auto_feed: autoFeed };
});

/** `feed_status: { slot_index, type: 1 feed | 2 retract | 3 stop }`. */
const feedFilament = boxCommand((box, request) => {
  const feed = recordField(request, 'feed_status');
  const type = numberField(feed, 'type');
  const slotIndex = numberField(feed, 'slot_index') ?? box.loaded_slot;
  if (type !== 1 && type !== 2 && type !== 3) return 'feed_status.type must be 1, 2 or 3';
  if (type === 1 && !box.slots.some((slot) => slot.index === slotIndex)) {
    return `no slot with index ${slotIndex} in box ${box.id}`;
  }
  if (type === 1) box.loaded_slot = slotIndex;
  if (type === 2) box.loaded_slot = -1;
  box.feed_status = { code: 200, type, current_status: type === 3 ? -1 : 0, slot_index: slotIndex };
  return { id: box.id, loaded_slot: box.loaded_slot, feed_status: { ...box.feed_status } };
});

export const multiColorBoxHandlers: Record<string, CommandHandler> = {
  getInfo: (ctx) => ctx.reply(completedState('getInfo'), multiColorBoxData(ctx.printer)),
  setInfo,
  setDry,
  setAutoFeed,
  feedFilament,
};
