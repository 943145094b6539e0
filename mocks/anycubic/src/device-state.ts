/**
 * What an Anycubic printer keeps that printer-sim does not model: light brightness per light type,
 * the camera capture switch, speed mode, extra fans, the current task, USB files and the ACE boxes.
 */
import { type AceBox, createAceBox } from './ace.js';
import type { AnycubicModel } from './models.js';

export interface LightState {
  /** 1 head, 2 chamber, 3 camera. */
  type: number;
  status: number;
  brightness: number;
}

export interface UdiskFile {
  filename: string;
  size: number;
  timestamp: number;
}

/** Print speed modes (seed "Adjust print speed"): 1 slow, 2 standard, 3 fast. */
export type PrintSpeedMode = 1 | 2 | 3;

/** Speed factor the sim prints at for each mode; the firmware's real factors are not documented. */
export const SPEED_PERCENT_BY_MODE: Readonly<Record<PrintSpeedMode, number>> = { 1: 50, 2: 100, 3: 150 };

export interface DeviceState {
  readonly lights: Map<number, LightState>;
  capturing: boolean;
  printSpeedMode: PrintSpeedMode;
  auxFanSpeedPct: number;
  boxFanLevel: number;
  zComp: number;
  /** The task id of the current or last job, as the start command gave it (`"-1"` from most clients). */
  taskid: string;
  /**
   * The printer's own id of the current or last job, `info.project.task_id` (an integer; notes "More wire
   * facts"). 0 before the first job. pause / resume / stop accept it as well as `"-1"`.
   */
  taskId: number;
  /** Ai detection settings, `aiSettings/query` → `data.ai_settings` (Kobra S1 capture, Nino PROTOCOL.md §6.8). */
  readonly aiSettings: {
    status: number;
    type: number;
    count: number;
    notice_type: number[];
    sensitivity_level: number[];
  };
  projectType: number;
  taskSettings: Record<string, unknown> | null;
  readonly udiskFiles: UdiskFile[];
  /** Whether a camera is fitted (`peripherie` camera 1/0). */
  readonly camera: boolean;
  readonly aceBoxes: AceBox[];
  /** Sim time each box started drying, by box id. */
  readonly dryingStartedAt: Map<number, number>;
}

export interface DeviceStateOptions {
  model: AnycubicModel;
  /** Number of ACE units; default 1 (0 = none). */
  aceUnits?: number;
  udiskFiles?: UdiskFile[];
  /** Default true. */
  camera?: boolean;
}

export function createDeviceState(options: DeviceStateOptions): DeviceState {
  const lights = new Map<number, LightState>();
  for (const type of options.model.lightTypes) lights.set(type, { type, status: 0, brightness: 0 });
  const aceUnits = options.aceUnits ?? 1;
  return {
    lights,
    capturing: false,
    printSpeedMode: 2,
    auxFanSpeedPct: 0,
    boxFanLevel: 0,
    zComp: 0,
    taskid: '-1',
    taskId: 0,
    aiSettings: { status: 0, type: 2, count: 60, notice_type: [0, 1], sensitivity_level: [1, 1] },
    projectType: 1,
    taskSettings: null,
    udiskFiles: (options.udiskFiles ?? []).map((file) => ({ ...file })),
    camera: options.camera ?? true,
    aceBoxes: [
      ...(options.model.externalSpoolBox ? [createAceBox(-1)] : []),
      ...Array.from({ length: aceUnits }, (_, id) => createAceBox(id)),
    ],
    dryingStartedAt: new Map(),
  };
}
