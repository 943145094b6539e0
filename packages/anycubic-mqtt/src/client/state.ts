/**
 * The printer's state merged from every report, in wire names and wire units (`print_time` and
 * `remain_time` stay minutes here; the adapter converts). Reports can be partial, so merges never
 * overwrite a known value with `null` or a missing field; the multi-colour box (ACE) is merged by box
 * `id` and slot `index`.
 */
import type {
  AceBox,
  AceSlot,
  AiSettingsData,
  AnyReport,
  AxisData,
  ExtfilboxData,
  FanData,
  FileData,
  InfoData,
  LightData,
  PeripherieData,
  PrintData,
  ReportState,
  TemperatureData,
} from '../protocol/wire.js';

export interface PrintState {
  /** The report action the state came with (`start`, `pause`, `resume`, `stop`, `update`). */
  action: string;
  state: ReportState<'print'> | 'unknown';
  rawState: string | undefined;
  code: number | string | undefined;
  msg: string | undefined;
  /** Merged data of the current task; reset when the task id or file name changes. */
  data: PrintData;
  /** ms since the epoch (local clock) when this was last updated. */
  updatedAt: number;
}

export interface AnycubicState {
  /** The last info report, merged at the top level (`project` becomes null when a job ends). */
  info: InfoData | undefined;
  infoUpdatedAt: number;
  print: PrintState | undefined;
  /** `free` | `busy` from `status` reports (or `info.state`). */
  status: string | undefined;
  /** `online` | `offline` from `lastWill` reports. */
  lastWill: string | undefined;
  /** Temperatures merged from info `temp`, `tempature` reports and print `update` reports. */
  tempature: TemperatureData;
  fan: FanData;
  /** Lights by `type` (1 head, 2 chamber, 3 camera). */
  light: Record<number, LightData>;
  /** Last `video` report state (`initSuccess` | `pushStopped`). */
  video: string | undefined;
  file: { local?: FileData; udisk?: FileData; details?: FileData };
  peripherie: PeripherieData | undefined;
  /** ACE units, merged by `id` and slot `index` (id -1 is the external spool). */
  multiColorBox: AceBox[];
  /** The last known toolhead position, mm (`axis` reports; kept when a report omits it). */
  axis: NonNullable<AxisData['coordinates']> | undefined;
  /** `aiSettings` report data (`ai_settings` inside), merged. */
  aiSettings: AiSettingsData | undefined;
  /** `extfilbox` report data (the external filament box), merged. */
  extfilbox: ExtfilboxData | undefined;
  /** ms since the epoch (local clock) of the last report of any kind. */
  updatedAt: number;
}

export function createInitialState(): AnycubicState {
  return {
    info: undefined,
    infoUpdatedAt: 0,
    print: undefined,
    status: undefined,
    lastWill: undefined,
    tempature: {},
    fan: {},
    light: {},
    video: undefined,
    file: {},
    peripherie: undefined,
    multiColorBox: [],
    axis: undefined,
    aiSettings: undefined,
    extfilbox: undefined,
    updatedAt: 0,
  };
}

/** Copies the fields of `patch` that carry a value (not null, not undefined) onto `target`. */
export function mergeDefined<T extends object>(target: T, patch: Partial<T> | null | undefined): T {
  if (!patch) return target;
  const out = { ...target } as Record<string, unknown>;
  for (const key of Object.keys(patch)) {
    // JSON.parse makes `__proto__` an own key; assigning it would swap the merged object's prototype.
    if (key === '__proto__') continue;
    const value = (patch as Record<string, unknown>)[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out as T;
}

/**
 * `mergeDefined` for merges a report stream repeats with the same values (every info report carries
 * the temperatures and fan speeds, mostly unchanged): `target` itself when nothing would change, so
 * such a report allocates no copy. Only for state fields that are replaced, never changed in place.
 */
function mergeChanged<T extends object>(target: T, patch: Partial<T> | null | undefined): T {
  if (!patch) return target;
  const known = target as Record<string, unknown>;
  const next = patch as Record<string, unknown>;
  for (const key of Object.keys(next)) {
    const value = next[key];
    if (value === null || value === undefined || key === '__proto__') continue;
    if (!Object.hasOwn(known, key) || !Object.is(known[key], value)) return mergeDefined(target, patch);
  }
  return target;
}

function mergeSlots(previous: readonly AceSlot[] | null | undefined, next: readonly AceSlot[]): AceSlot[] {
  const slots = previous ? [...previous] : [];
  for (const slot of next) {
    const at = slots.findIndex((known) => known.index === slot.index);
    if (at === -1) slots.push(slot);
    else slots[at] = mergeDefined(slots[at] as AceSlot, slot);
  }
  return slots.sort((a, b) => a.index - b.index);
}

function mergeBox(previous: AceBox, next: AceBox): AceBox {
  const merged = mergeDefined(previous, {
    ...next,
    slots: undefined,
    drying_status: undefined,
    feed_status: undefined,
  });
  if (next.drying_status)
    merged.drying_status = mergeDefined(previous.drying_status ?? {}, next.drying_status);
  if (next.feed_status) merged.feed_status = mergeDefined(previous.feed_status ?? {}, next.feed_status);
  if (next.slots) merged.slots = mergeSlots(previous.slots, next.slots);
  // The slim report carries humidity inside drying_status only; keep the box value in step.
  if (next.humidity == null && next.drying_status?.humidity != null)
    merged.humidity = next.drying_status.humidity;
  return merged;
}

/** Merges a (possibly partial) ACE report into the known boxes. */
export function mergeMultiColorBox(previous: readonly AceBox[], next: readonly AceBox[]): AceBox[] {
  const boxes = [...previous];
  for (const box of next) {
    const at = boxes.findIndex((known) => known.id === box.id);
    if (at === -1) boxes.push(mergeBox({ id: box.id }, box));
    else boxes[at] = mergeBox(boxes[at] as AceBox, box);
  }
  return boxes.sort((a, b) => a.id - b.id);
}

const TEMPERATURE_KEYS = [
  'curr_hotbed_temp',
  'curr_nozzle_temp',
  'curr_chamber_temp',
  'target_hotbed_temp',
  'target_nozzle_temp',
  'target_chamber_temp',
] as const;

function pickTemperatures(source: Record<string, unknown>): TemperatureData {
  const out: Record<string, unknown> = {};
  for (const key of TEMPERATURE_KEYS) if (typeof source[key] === 'number') out[key] = source[key];
  return out as TemperatureData;
}

function sameTask(previous: PrintData, next: PrintData): boolean {
  if (next.taskid != null && previous.taskid != null && next.taskid !== previous.taskid) return false;
  if (next.filename != null && previous.filename != null && next.filename !== previous.filename) return false;
  return true;
}

/**
 * Applies one report to the state, in place (a report stream of hundreds per second must not copy
 * the whole state each time). Returns whether the report changed anything the state tracks.
 */
export function applyReport(state: AnycubicState, report: AnyReport, now: number): boolean {
  state.updatedAt = now;
  // A printer that answers is online, whatever its last will said: a client that reconnected after
  // the printer came back (LAN mode drops its clients on a power cycle) never sees the `online`.
  if (report.type !== 'lastWill' && state.lastWill === 'offline') state.lastWill = 'online';
  switch (report.type) {
    case 'info': {
      const data = report.data;
      if (!data) return false;
      state.info = state.info ? { ...state.info, ...data } : data;
      state.infoUpdatedAt = now;
      if (data.state != null) state.status = data.state;
      if (data.temp) state.tempature = mergeChanged(state.tempature, data.temp);
      state.fan = mergeChanged(state.fan, {
        fan_speed_pct: data.fan_speed_pct,
        aux_fan_speed_pct: data.aux_fan_speed_pct,
        box_fan_level: data.box_fan_level,
      });
      return true;
    }
    case 'print': {
      const data = report.data ?? {};
      const previous = state.print;
      const merged = previous && sameTask(previous.data, data) ? mergeDefined(previous.data, data) : data;
      if (data.settings && previous?.data.settings) {
        merged.settings = mergeDefined(previous.data.settings, data.settings);
      }
      state.print = {
        action: report.action,
        state: report.state,
        rawState: report.rawState,
        code: report.code,
        msg: report.msg,
        data: merged,
        updatedAt: now,
      };
      const temps = pickTemperatures({ ...data, ...(data.settings ?? {}) });
      state.tempature = mergeDefined(state.tempature, temps);
      if (data.settings) {
        state.fan = mergeDefined(state.fan, {
          fan_speed_pct: data.settings.fan_speed_pct,
          aux_fan_speed_pct: data.settings.aux_fan_speed_pct,
          box_fan_level: data.settings.box_fan_level,
        });
      }
      return true;
    }
    case 'status':
      if (report.rawState === undefined) return false;
      state.status = report.rawState;
      return true;
    case 'lastWill':
      if (report.rawState === undefined) return false;
      state.lastWill = report.rawState;
      return true;
    case 'tempature':
      if (!report.data) return false;
      state.tempature = mergeChanged(state.tempature, report.data);
      return true;
    case 'fan':
      if (!report.data) return false;
      state.fan = mergeDefined(state.fan, report.data);
      return true;
    case 'light': {
      const data = report.data;
      if (!data) return false;
      const lights: LightData[] = data.lights ? [...data.lights] : [];
      if (typeof data.type === 'number' && typeof data.status === 'number') {
        lights.push({ type: data.type, status: data.status, brightness: data.brightness });
      }
      if (lights.length === 0) return false;
      const next = { ...state.light };
      for (const light of lights) next[light.type] = mergeDefined(next[light.type] ?? light, light);
      state.light = next;
      return true;
    }
    case 'video':
      if (report.rawState === undefined) return false;
      state.video = report.rawState;
      return true;
    case 'file': {
      if (!report.data) return false;
      if (report.action === 'listLocal') state.file = { ...state.file, local: report.data };
      else if (report.action === 'listUdisk') state.file = { ...state.file, udisk: report.data };
      else if (report.action === 'fileDetails') state.file = { ...state.file, details: report.data };
      else return false;
      return true;
    }
    case 'peripherie':
      if (!report.data) return false;
      state.peripherie = mergeDefined(state.peripherie ?? {}, report.data);
      return true;
    case 'multiColorBox': {
      const boxes = report.data?.multi_color_box;
      if (!boxes || boxes.length === 0) return false;
      state.multiColorBox = mergeMultiColorBox(state.multiColorBox, boxes);
      return true;
    }
    case 'axis': {
      const coordinates = report.data?.coordinates;
      if (!coordinates) return false;
      state.axis = mergeDefined(state.axis ?? {}, coordinates);
      return true;
    }
    case 'aiSettings':
      if (!report.data) return false;
      state.aiSettings = mergeDefined(state.aiSettings ?? {}, report.data);
      return true;
    case 'extfilbox':
      if (!report.data) return false;
      state.extfilbox = mergeDefined(state.extfilbox ?? {}, report.data);
      return true;
  }
}
