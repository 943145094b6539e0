/**
 * v1 bodies, shaped like the Buddy firmware writes them (lib/WUI/nhttp/status_renderer.cpp,
 * lib/WUI/link_content/basic_gets.cpp) and the spec's schemas (spec/openapi.yaml in Prusa-Link-Web).
 */
import type { SimFile } from '@printkit/printer-sim';
import { baseName, childrenOf, dirName, type FileEntry, type FolderEntry, storageInfo } from './files.js';
import { jobState } from './link-state.js';
import type { LinkWorld } from './world.js';

/** The firmware's printer has a fixed print-fan maximum; rpm here is the mock's own figure. */
const PRINT_FAN_MAX_RPM = 5_000;
const HOTEND_FAN_RPM = 3_000;

const round1 = (value: number) => Math.round(value * 10) / 10;
const seconds = (ms: number) => Math.floor(ms / 1000);

export function versionBody(world: LinkWorld): Record<string, unknown> {
  // The firmware's shape: the spec's required `version`/`printer`/`firmware` are not sent.
  return {
    api: '2.0.0',
    server: '2.1.2',
    nozzle_diameter: 0.4,
    text: 'PrusaLink',
    hostname: world.options.hostname,
    capabilities: { 'upload-by-put': true },
  };
}

export function infoBody(world: LinkWorld): Record<string, unknown> {
  return {
    nozzle_diameter: 0.4,
    mmu: false,
    serial: world.options.serial,
    hostname: world.options.hostname,
    min_extrusion_temp: 170,
    name: world.sim.name,
    ...(world.options.camera ? { active_camera: true } : {}),
  };
}

export function statusBody(world: LinkWorld): Record<string, unknown> {
  const snapshot = world.sim.snapshot();
  const state = world.state;
  const storage = storageInfo(world.options.storage);
  const body: Record<string, unknown> = {};
  const jobId = world.jobId;
  if (jobId !== undefined && snapshot.job) {
    body.job = {
      id: jobId,
      progress: Math.floor(snapshot.job.progress * 100),
      time_remaining: snapshot.job.remainingSeconds,
      time_printing: Math.floor(snapshot.job.elapsedSeconds),
    };
  }
  body.storage = { path: storage.path, name: storage.name, read_only: false };
  const transfer = world.transfer;
  if (transfer) {
    body.transfer = {
      id: transfer.id,
      time_transferring: seconds(world.sim.clock.now() - transfer.startedAt),
      progress: Math.round((transfer.transferred / Math.max(1, transfer.size)) * 10_000) / 100,
      data_transferred: transfer.transferred,
    };
  }
  const moving = state === 'PRINTING';
  body.printer = {
    state,
    temp_bed: round1(snapshot.temperatures.bed.actual),
    target_bed: round1(snapshot.temperatures.bed.target),
    temp_nozzle: round1(snapshot.temperatures.nozzle.actual),
    target_nozzle: round1(snapshot.temperatures.nozzle.target),
    axis_z: round1(snapshot.position.z),
    // The firmware leaves X and Y out while printing (they change too fast to mean anything).
    ...(moving ? {} : { axis_x: round1(snapshot.position.x), axis_y: round1(snapshot.position.y) }),
    flow: snapshot.flowPercent,
    speed: snapshot.speedPercent,
    fan_hotend: snapshot.temperatures.nozzle.actual > 50 ? HOTEND_FAN_RPM : 0,
    fan_print: Math.round((snapshot.fanPercent / 100) * PRINT_FAN_MAX_RPM),
  };
  if (world.options.camera) body.camera = { id: CAMERA_ID };
  return body;
}

export const CAMERA_ID = 'printkitcam1';

export function jobBody(world: LinkWorld): Record<string, unknown> | undefined {
  const snapshot = world.sim.snapshot();
  const jobId = world.jobId;
  const job = snapshot.job;
  if (jobId === undefined || !job) return undefined;
  const file = world.sim.getFile(job.file);
  const storage = storageInfo(world.options.storage);
  const folder = dirName(job.file);
  return {
    id: jobId,
    state: jobState(world.state),
    progress: Math.floor(job.progress * 100),
    time_remaining: job.remainingSeconds,
    time_printing: Math.floor(job.elapsedSeconds),
    file: {
      name: baseName(job.file),
      display_name: baseName(job.file),
      path: `/${storage.name}${folder === '' ? '' : `/${folder}`}`,
      ...(file ? { size: file.sizeBytes, m_timestamp: seconds(file.addedAt) } : {}),
      ...(file ? { meta: printMeta(file) } : {}),
    },
  };
}

export function storageBody(world: LinkWorld): Record<string, unknown> {
  const storage = storageInfo(world.options.storage);
  const printFiles = world.sim.listFiles().reduce((sum, file) => sum + file.sizeBytes, 0);
  return {
    storage_list: [
      {
        path: storage.path,
        name: storage.displayName,
        type: storage.type,
        read_only: false,
        available: true,
        print_files: printFiles,
      },
    ],
  };
}

export function transferBody(world: LinkWorld): Record<string, unknown> | undefined {
  const transfer = world.transfer;
  if (!transfer) return undefined;
  const storage = storageInfo(world.options.storage);
  const elapsed = seconds(world.sim.clock.now() - transfer.startedAt);
  return {
    type: 'FROM_CLIENT',
    display_name: transfer.displayName,
    path: `/${storage.name}/${transfer.path}`,
    size: String(transfer.size),
    progress: Math.round((transfer.transferred / Math.max(1, transfer.size)) * 10_000) / 100,
    transferred: transfer.transferred,
    time_transferring: elapsed,
    to_print: transfer.toPrint,
  };
}

function printMeta(file: SimFile): Record<string, unknown> {
  return {
    estimated_print_time: file.estimatedSeconds,
    ...(file.nozzleCelsius === undefined ? {} : { temperature: file.nozzleCelsius }),
    ...(file.bedCelsius === undefined ? {} : { bed_temperature: file.bedCelsius }),
  };
}

export function fileInfoBody(file: SimFile): Record<string, unknown> {
  return {
    name: baseName(file.name),
    display_name: baseName(file.name),
    read_only: false,
    size: file.sizeBytes,
    type: 'PRINT_FILE',
    m_timestamp: seconds(file.addedAt),
    meta: printMeta(file),
  };
}

export function folderInfoBody(world: LinkWorld, path: string): Record<string, unknown> {
  const files = world.sim.listFiles();
  const children = childrenOf(files, path).map((entry: FileEntry | FolderEntry) =>
    entry.kind === 'folder'
      ? { name: entry.name, read_only: false, type: 'FOLDER', m_timestamp: seconds(entry.newest) }
      : {
          name: baseName(entry.file.name),
          display_name: baseName(entry.file.name),
          read_only: false,
          size: entry.file.sizeBytes,
          type: 'PRINT_FILE',
          m_timestamp: seconds(entry.file.addedAt),
        },
  );
  const newest = files.reduce((max, file) => Math.max(max, file.addedAt), 0);
  return {
    name: path === '' ? storageInfo(world.options.storage).name : baseName(path),
    read_only: false,
    type: 'FOLDER',
    m_timestamp: seconds(newest),
    children,
  };
}
