/**
 * The command table: `(type, action) → { data; report }`, one entry per command in the seed and the
 * protocol notes. `data` is what goes in the envelope's `data`; `report` is the report type that
 * answers it. The runtime half (`COMMANDS`) says which root the command is published on, its QoS, and
 * what settles a call. Adding a command is one entry in each half; no topic is spelled out here.
 */
import type { LightTypeValue } from './models.js';
import type { CommandRoot } from './topics.js';
import type { ReportType } from './wire.js';

const DONE = ['done', 'failed'] as const;

/**
 * The reports half of the table: every report type the notes describe, with the `state` values each
 * one is seen with. Dispatch is on the envelope's `type`, then `state` (a report's `action` varies
 * between firmware and cannot be trusted alone).
 */
export const REPORT_STATES = {
  info: DONE,
  print: [
    'downloading',
    'checking',
    'preheating',
    'auto_leveling',
    'vibrating',
    'flow_calibrating',
    'printing',
    'finished',
    'failed',
    'stoped',
    'stopped',
    'canceled',
    'cancelled',
    'pausing',
    'paused',
    'resuming',
    'resumed',
    'stopping',
    'updated',
  ],
  status: ['free', 'busy'],
  lastWill: ['online', 'offline'],
  tempature: DONE,
  fan: DONE,
  light: DONE,
  video: ['initSuccess', 'pushStopped', 'done', 'failed'],
  file: DONE,
  peripherie: DONE,
  // `multiColorBox/getInfo` answers with state `success` (notes, "More wire facts").
  multiColorBox: ['done', 'failed', 'success'],
  axis: DONE,
  aiSettings: DONE,
  extfilbox: DONE,
} as const satisfies Record<string, readonly string[]>;

/** Whether a wire `type` is a report type of the table (own keys only: `constructor` is not one). */
export function isReportType(type: string): type is ReportType {
  return Object.hasOwn(REPORT_STATES, type);
}

/** `taskid` of the current job; the firmware uses `"-1"` for "the one running". */
export const CURRENT_TASK = '-1';

export interface TaskRef {
  /** The job's id (`info.project.task_id`, an integer on LAN firmware), or `"-1"` for "the one running". */
  taskid: string | number;
}

/** RGBA, 0–255. */
export type Rgba = [number, number, number, number];

export interface AmsBoxMapping {
  paint_index: number;
  ams_index: number;
  paint_color?: Rgba | number[];
  ams_color?: Rgba | number[];
  material_type?: string;
}

export interface StartPrintData {
  /** Mandatory; `"-1"` for a local file. */
  taskid: string;
  /** Mandatory: the file name (path relative to the storage root). */
  filename: string;
  /** Mandatory: 1 = G-code file. */
  filetype: number;
  url?: string;
  md5?: string;
  filepath?: string | null;
  task_mode?: number;
  project_type?: number;
  filesize?: number;
  ams_settings?: { use_ams: boolean; ams_box_mapping: AmsBoxMapping[] };
  task_settings?: {
    auto_leveling?: number;
    vibration_compensation?: number;
    flow_calibration?: number;
    ai_settings?: { status: number; count?: number; type?: number };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** `print/update` settings; send any subset. An idle printer ignores the command silently. */
export interface PrintUpdateSettings {
  target_nozzle_temp?: number;
  target_hotbed_temp?: number;
  fan_speed_pct?: number;
  aux_fan_speed_pct?: number;
  box_fan_level?: number;
  /** 1 slow (silent), 2 standard, 3 fast (sport). */
  print_speed_mode?: 1 | 2 | 3;
  z_comp?: number;
}

/** `tempature/set` (idle temperatures): `type` 0 nozzle, 1 bed, 2 both. */
export interface IdleTemperatureData {
  type: 0 | 1 | 2;
  target_nozzle_temp?: number;
  target_hotbed_temp?: number;
}

export interface LightControlData {
  /** 1 head, 2 chamber (S1 family), 3 camera. */
  type: LightTypeValue;
  status: 0 | 1;
  /** 0–100. */
  brightness: number;
}

/** Axis: 1 X, 2 Y, 3 Z, 4 XY, 5 XYZ. */
export type AxisId = 1 | 2 | 3 | 4 | 5;

export interface AxisMoveData {
  axis: AxisId;
  /** 0 minus, 1 plus, 2 home. */
  move_type: 0 | 1 | 2;
  /** mm. */
  distance: number;
}

export interface FileListData {
  path: string;
  page_num: number;
  page_size: number;
}

export interface FileDeleteData {
  path: string;
  filename: string;
}

export interface FileDetailsData {
  root: 'local' | 'udisk';
  filename: string;
}

export interface AceSlotSetting {
  index: number;
  type?: string;
  color?: [number, number, number];
  [key: string]: unknown;
}

export interface AceSetInfoData {
  multi_color_box: Array<{ id: number; slots: AceSlotSetting[] }>;
}

/**
 * `multiColorBox/setDry`. The notes list `{ drying_status }`; a capture from a Kobra S1 Max wraps it
 * per box, `{ multi_color_box: [{ id, drying_status }] }`, which also names the box. This client
 * sends the per-box form.
 */
export interface AceSetDryData {
  multi_color_box: Array<{
    id: number;
    drying_status: { status: 0 | 1; target_temp?: number; duration?: number };
  }>;
}

export interface AceSetAutoFeedData {
  multi_color_box: Array<{ id: number; auto_feed: 0 | 1 }>;
}

export interface AceFeedData {
  /** `type` 1 feed, 2 retract, 3 stop. */
  feed_status: { slot_index: number; type: 1 | 2 | 3 };
  [key: string]: unknown;
}

/** The type-level table: command key → the `data` it sends and the report type that answers it. */
export interface AnycubicCommands {
  'info/query': { data: null; report: 'info' };
  'print/start': { data: StartPrintData; report: 'print' };
  'print/pause': { data: TaskRef; report: 'print' };
  'print/resume': { data: TaskRef; report: 'print' };
  'print/stop': { data: TaskRef; report: 'print' };
  'print/update': { data: TaskRef & { settings: PrintUpdateSettings }; report: 'print' };
  'tempature/set': { data: IdleTemperatureData; report: 'tempature' };
  'fan/setSpeed': { data: { fan_speed_pct: number }; report: 'fan' };
  'light/control': { data: LightControlData; report: 'light' };
  'light/query': { data: null; report: 'light' };
  'video/startCapture': { data: null; report: 'video' };
  'video/stopCapture': { data: null; report: 'video' };
  'axis/move': { data: AxisMoveData; report: 'axis' };
  'axis/turnOff': { data: null; report: 'axis' };
  'axis/query': { data: null; report: 'axis' };
  'tempature/query': { data: null; report: 'tempature' };
  'fan/query': { data: null; report: 'fan' };
  'print/query': { data: null; report: 'print' };
  'aiSettings/query': { data: null; report: 'aiSettings' };
  'extfilbox/query': { data: null; report: 'extfilbox' };
  'file/listLocal': { data: FileListData; report: 'file' };
  'file/listUdisk': { data: FileListData; report: 'file' };
  'file/deleteLocal': { data: FileDeleteData; report: 'file' };
  'file/deleteUdisk': { data: FileDeleteData; report: 'file' };
  'file/fileDetails': { data: FileDetailsData; report: 'file' };
  'peripherie/query': { data: null; report: 'peripherie' };
  'multiColorBox/getInfo': { data: null; report: 'multiColorBox' };
  'multiColorBox/setInfo': { data: AceSetInfoData; report: 'multiColorBox' };
  'multiColorBox/setDry': { data: AceSetDryData; report: 'multiColorBox' };
  'multiColorBox/setAutoFeed': { data: AceSetAutoFeedData; report: 'multiColorBox' };
  'multiColorBox/feedFilament': { data: AceFeedData; report: 'multiColorBox' };
}

export type CommandKey = keyof AnycubicCommands;
export type CommandData<K extends CommandKey> = AnycubicCommands[K]['data'];
export type CommandReportType<K extends CommandKey> = AnycubicCommands[K]['report'];

/**
 * What settles a call:
 * - `report`: the answering report (matched by echoed `msgid`, else by type and the listed actions /
 *   states). The ack alone is not enough: the result and any firmware error code come in the report,
 *   and real printers answer control commands with a report of their type (code 200 or an error).
 * - `ack`: the ack on the `response` topic, or an answering report if one comes first. Used for
 *   `print/update`, which an idle printer ignores silently (it still acks it); `updatePrint` waits for
 *   the report instead while the client knows a job is running.
 */
export type Settle = 'report' | 'ack';

export interface CommandSpec {
  readonly type: string;
  readonly action: string;
  readonly root: CommandRoot;
  /** 1 for commands that change the printer, 0 for queries. */
  readonly qos: 0 | 1;
  readonly settle: Settle;
  readonly report: ReportType;
  /** Report actions that answer this command (any when absent). */
  readonly reportActions?: readonly string[];
  /** Report states that answer this command (any when absent; a non-200 `code` always answers). */
  readonly reportStates?: readonly string[];
}

type Spec = Omit<CommandSpec, 'type' | 'action'>;

const query = <R extends ReportType>(report: R, extra: Partial<Spec> = {}): Spec & { report: R } => ({
  root: 'web',
  qos: 0,
  settle: 'report',
  ...extra,
  report,
});
const change = <R extends ReportType>(
  report: R,
  settle: Settle,
  extra: Partial<Spec> = {},
): Spec & { report: R } => ({
  root: 'web',
  qos: 1,
  settle,
  ...extra,
  report,
});

const SPECS: { readonly [K in CommandKey]: Spec & { report: CommandReportType<K> } } = {
  'info/query': query('info'),
  // Print start and file list/delete go via `slicer` (seed and notes); everything else via `web`.
  'print/start': change('print', 'report', { root: 'slicer', reportActions: ['start'] }),
  'print/pause': change('print', 'report', { reportActions: ['pause'] }),
  'print/resume': change('print', 'report', { reportActions: ['resume'] }),
  'print/stop': change('print', 'report', { reportActions: ['stop'] }),
  'print/update': change('print', 'ack', { reportActions: ['update'] }),
  'tempature/set': change('tempature', 'report'),
  'fan/setSpeed': change('fan', 'report'),
  'light/control': change('light', 'report'),
  'light/query': query('light'),
  'video/startCapture': change('video', 'report', { reportStates: ['initSuccess'] }),
  'video/stopCapture': change('video', 'report', { reportStates: ['pushStopped'] }),
  'axis/move': change('axis', 'report'),
  'axis/turnOff': change('axis', 'report'),
  'axis/query': query('axis'),
  'tempature/query': query('tempature'),
  'fan/query': query('fan'),
  'print/query': query('print'),
  'aiSettings/query': query('aiSettings'),
  'extfilbox/query': query('extfilbox'),
  'file/listLocal': query('file', { root: 'slicer', reportActions: ['listLocal'] }),
  'file/listUdisk': query('file', { root: 'slicer', reportActions: ['listUdisk'] }),
  'file/deleteLocal': change('file', 'report', { root: 'slicer', reportActions: ['deleteLocal'] }),
  'file/deleteUdisk': change('file', 'report', { root: 'slicer', reportActions: ['deleteUdisk'] }),
  'file/fileDetails': query('file', { reportActions: ['fileDetails'] }),
  'peripherie/query': query('peripherie'),
  'multiColorBox/getInfo': query('multiColorBox'),
  'multiColorBox/setInfo': change('multiColorBox', 'report'),
  'multiColorBox/setDry': change('multiColorBox', 'report'),
  'multiColorBox/setAutoFeed': change('multiColorBox', 'report'),
  'multiColorBox/feedFilament': change('multiColorBox', 'report'),
};

function withKey(key: string, spec: Spec): CommandSpec {
  const [type = '', action = ''] = key.split('/');
  return { type, action, ...spec };
}

/**
 * What a client asks on connect and every ~15 s in LAN mode, where the printer answers queries but
 * does not push everything (notes, "LAN mode on stock firmware" 6). Printers ignore kinds they lack.
 */
export const LAN_QUERY_SET: readonly CommandKey[] = [
  'info/query',
  'tempature/query',
  'fan/query',
  'light/query',
  'multiColorBox/getInfo',
  'print/query',
  'aiSettings/query',
  'peripherie/query',
  'axis/query',
  'extfilbox/query',
];

/** Every command key of the table. */
export const COMMAND_KEYS = Object.freeze(Object.keys(SPECS)) as readonly CommandKey[];

/** Whether `key` is a command of the table (own keys only). */
export function isCommandKey(key: unknown): key is CommandKey {
  return typeof key === 'string' && Object.hasOwn(SPECS, key);
}

/** The runtime table, keyed like `AnycubicCommands`. */
export const COMMANDS: { readonly [K in CommandKey]: CommandSpec } = Object.fromEntries(
  Object.entries(SPECS).map(([key, spec]) => [key, withKey(key, spec)]),
) as { readonly [K in CommandKey]: CommandSpec };

/** The envelope every command is sent in. */
export interface CommandMessage<D = unknown> {
  type: string;
  action: string;
  /** ms since the epoch. */
  timestamp: number;
  /** A fresh UUID per message; the printer echoes it on the `response` topic. */
  msgid: string;
  data: D;
}

export function buildMessage<D>(
  spec: Pick<CommandSpec, 'type' | 'action'>,
  data: D,
  msgid: string,
  timestamp: number,
): CommandMessage<D> {
  return { type: spec.type, action: spec.action, timestamp, msgid, data };
}

/**
 * Maps a speed percentage (100 = as sliced) to `print_speed_mode`: below 75 slow, 75–124 standard,
 * 125 and up fast. The firmware has three modes, not a percentage; these thresholds are printkit's
 * convention (the notes give no percentages for the modes).
 */
export function speedModeForPercent(percent: number): 1 | 2 | 3 {
  if (percent < 75) return 1;
  if (percent < 125) return 2;
  return 3;
}
