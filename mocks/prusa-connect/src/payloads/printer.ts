/**
 * Printer payloads: the capture's list item and detail, copied, with the live values of the sim laid
 * over them. The capture's keys all stay (a client parsing the capture parses the mock too); the
 * notes' extra detail fields (`job_info`, `network_info`, `prusalink_api_key`, `dialog_info`,
 * `state_reason`) are added.
 */
import type { SimSnapshot } from '@printkit/printer-sim';
import { CORE_ONE_DETAIL_CAPTURE } from '../fixtures/printer-detail.js';
import { CORE_ONE_LIST_ITEM_CAPTURE } from '../fixtures/printer-list-item.js';
import type { PrinterRecord } from '../printer-record.js';
import type { MockWorld } from '../state.js';
import { displayNameOf } from '../storage-path.js';
import { jobsOf } from './job.js';

type Json = Record<string, unknown>;

/** Fans on a CORE One top out near these speeds; Connect reports fans in RPM. */
const PRINT_FAN_MAX_RPM = 7000;
const HOTEND_FAN_RPM = 7000;

/** The print (part cooling) fan in RPM, from the sim's fan percent. */
export function printFanRpm(snapshot: SimSnapshot): number {
  return Math.round((snapshot.fanPercent / 100) * PRINT_FAN_MAX_RPM);
}

/** The hotend fan runs whenever the hotend is warm or heating, as on the real printer. */
export function hotendFanRpm(snapshot: SimSnapshot): number {
  const { nozzle } = snapshot.temperatures;
  return nozzle.actual > 50 || nozzle.target > 0 ? HOTEND_FAN_RPM : 0;
}

function liveCommon(world: MockWorld, printer: PrinterRecord, snapshot: SimSnapshot): Json {
  const { nozzle, bed } = snapshot.temperatures;
  const template = CORE_ONE_DETAIL_CAPTURE.tools['1'];
  return {
    uuid: printer.uuid,
    name: printer.name,
    team_id: world.teamId,
    team_name: world.teamName,
    printer_state: printer.printerState,
    connect_state: printer.connectState,
    last_online: printer.lastOnlineMs / 1000,
    temp: {
      temp_nozzle: nozzle.actual,
      temp_bed: bed.actual,
      target_nozzle: nozzle.target,
      target_bed: bed.target,
    },
    axis_z: snapshot.position.z,
    speed: snapshot.speedPercent,
    tools: {
      '1': {
        ...template,
        temp: nozzle.actual,
        fan_print: printFanRpm(snapshot),
        fan_hotend: hotendFanRpm(snapshot),
      },
    },
  };
}

export function jobInfoOf(world: MockWorld, printer: PrinterRecord, snapshot: SimSnapshot): Json | undefined {
  const current = snapshot.job;
  if (!current || snapshot.state === 'idle') return undefined;
  const view = jobsOf(printer).find((v) => v.sim.id === current.id);
  if (!view) return undefined;
  const info: Json = {
    id: view.record.id,
    origin_id: current.id,
    path: view.record.path,
    display_name: displayNameOf(view.record.fileName),
    hash: view.record.hash,
    state: view.state,
    progress: Math.round(current.progress * 100),
    time_printing: Math.round(current.printSeconds),
    time_remaining: current.remainingSeconds,
    start: Math.floor(current.startedAt / 1000),
    print_height: Math.round(current.totalLayers * 0.2),
    preview_url: `/app/teams/${world.teamId}/files/${view.record.hash}/preview`,
  };
  if (current.endedAt !== undefined) info.end = Math.floor(current.endedAt / 1000);
  return info;
}

export function printerListItem(world: MockWorld, printer: PrinterRecord): Json {
  const snapshot = printer.sim.snapshot();
  const item: Json = {
    ...structuredClone(CORE_ONE_LIST_ITEM_CAPTURE),
    ...liveCommon(world, printer, snapshot),
  };
  const jobInfo = jobInfoOf(world, printer, snapshot);
  if (jobInfo) item.job_info = jobInfo;
  return item;
}

export function printerDetail(world: MockWorld, printer: PrinterRecord): Json {
  const snapshot = printer.sim.snapshot();
  const template = structuredClone(CORE_ONE_DETAIL_CAPTURE) as unknown as Json & { chamber: Json };
  const detail: Json = {
    ...template,
    ...liveCommon(world, printer, snapshot),
    state: printer.connectState,
    axis_x: snapshot.position.x,
    axis_y: snapshot.position.y,
    flow: snapshot.flowPercent,
    sn: printer.index === 0 ? CORE_ONE_DETAIL_CAPTURE.sn : printer.serialNumber,
    network_info: {
      lan_ipv4: `192.168.1.${100 + printer.index}`,
      lan_mac: `10:9c:70:00:00:${(printer.index + 1).toString(16).padStart(2, '0')}`,
      hostname: `core-one-${printer.index + 1}`,
    },
    prusalink_api_key: printer.prusalinkApiKey,
  };
  const chamber = snapshot.temperatures.chamber;
  if (chamber) detail.chamber = { ...template.chamber, temp: chamber.actual, target_temp: chamber.target };
  else delete detail.chamber;
  if (snapshot.error || printer.attention) {
    detail.state_reason = printer.attention?.text ?? snapshot.error?.message;
  }
  if (printer.attention) {
    detail.dialog_info = {
      id: printer.attention.id,
      text: printer.attention.text,
      buttons: ['Resume', 'Stop'],
    };
  }
  const jobInfo = jobInfoOf(world, printer, snapshot);
  if (jobInfo) detail.job_info = jobInfo;
  return detail;
}
