/**
 * Legacy (OctoPrint-like) bodies as PrusaLink 0.9 on a Raspberry Pi wrote them
 * (prusa/link/web/main.py and web/files.py at prusa3d/Prusa-Link commit cc74860, the first to
 * report `"api": "0.9.0-legacy"`), checked against spec/openapi-legacy.yaml in Prusa-Link-Web.
 */
import { baseName, storageInfo } from './files.js';
import { legacyStateText } from './link-state.js';
import type { LinkWorld } from './world.js';

const round1 = (value: number) => Math.round(value * 10) / 10;

export function legacyVersionBody(world: LinkWorld): Record<string, unknown> {
  return {
    api: '0.9.0-legacy',
    server: '0.6.0',
    original: 'PrusaLink I3MK3S',
    text: 'PrusaLink 0.6.0',
    firmware: '3.10.1-4697',
    sdk: '0.6.0',
    hostname: world.options.hostname,
  };
}

export function legacyPrinterBody(world: LinkWorld): Record<string, unknown> {
  const snapshot = world.sim.snapshot();
  const state = world.state;
  return {
    temperature: {
      tool0: {
        actual: round1(snapshot.temperatures.nozzle.actual),
        target: round1(snapshot.temperatures.nozzle.target),
      },
      bed: {
        actual: round1(snapshot.temperatures.bed.actual),
        target: round1(snapshot.temperatures.bed.target),
      },
    },
    sd: { ready: false },
    state: {
      text: legacyStateText(state),
      flags: {
        operational: state === 'IDLE' || state === 'FINISHED' || state === 'STOPPED',
        paused: state === 'PAUSED',
        printing: state === 'PRINTING',
        cancelling: false,
        pausing: state === 'PAUSED',
        sdReady: false,
        error: state === 'ERROR' || state === 'ATTENTION',
        ready: state === 'IDLE',
        closedOrError: false,
        finished: state === 'FINISHED',
        prepared: false,
      },
    },
    telemetry: {
      'temp-bed': round1(snapshot.temperatures.bed.actual),
      'temp-nozzle': round1(snapshot.temperatures.nozzle.actual),
      material: ' - ',
      'z-height': round1(snapshot.position.z),
      'print-speed': snapshot.speedPercent,
      axis_x: round1(snapshot.position.x),
      axis_y: round1(snapshot.position.y),
      axis_z: round1(snapshot.position.z),
    },
  };
}

export function legacyJobBody(world: LinkWorld): Record<string, unknown> {
  const snapshot = world.sim.snapshot();
  const state = world.state;
  const job = world.jobId === undefined ? undefined : snapshot.job;
  const printing = state === 'PRINTING' || state === 'PAUSED' || state === 'ATTENTION';
  const storage = storageInfo(world.options.storage);
  const selected = job ? undefined : world.legacySelected;
  const fileName = job?.file ?? selected;
  const file = fileName === undefined ? undefined : world.sim.getFile(fileName);
  const completion = printing && job ? Math.floor(job.progress * 100) : undefined;
  return {
    job: {
      estimatedPrintTime: job ? Math.round(job.elapsedSeconds + job.remainingSeconds) : null,
      averagePrintTime: null,
      lastPrintTime: null,
      filament: null,
      file: fileName
        ? {
            name: baseName(fileName),
            path: `/${storage.displayName}/${fileName}`,
            size: file?.sizeBytes ?? null,
            origin: 'local',
            date: file ? Math.floor(file.addedAt / 1000) : null,
            display: baseName(fileName),
          }
        : { name: null, path: null, date: null, size: null, origin: null, display: null },
      user: '_api',
    },
    progress: {
      completion:
        completion === undefined
          ? null
          : world.options.legacyCompletionScale === 'percent'
            ? completion
            : completion / 100,
      filepos: 0,
      printTime: printing && job ? Math.floor(job.elapsedSeconds) : null,
      printTimeLeft: printing && job ? job.remainingSeconds : null,
      printTimeLeftOrigin: 'estimate',
      pos_z_mm: round1(snapshot.position.z),
      printSpeed: snapshot.speedPercent,
      flow_factor: snapshot.flowPercent,
    },
    state: legacyStateText(state),
  };
}

export function legacyFilesBody(world: LinkWorld): Record<string, unknown> {
  const storage = storageInfo(world.options.storage);
  const root = `/${storage.displayName}`;
  const children = world.sim.listFiles().map((file) => ({
    name: baseName(file.name),
    display: baseName(file.name),
    origin: 'local',
    path: `${root}/${file.name}`,
    type: 'machinecode',
    typePath: ['machinecode', 'gcode'],
    size: file.sizeBytes,
    date: Math.floor(file.addedAt / 1000),
    refs: { resource: `/api/files/local/${file.name}` },
  }));
  return {
    files: [
      {
        name: storage.displayName,
        display: storage.displayName,
        origin: 'local',
        path: root,
        type: 'folder',
        typePath: ['folder'],
        children,
      },
    ],
    // The Pi wrote human-readable sizes here (`hbytes`), not the integers the spec shows.
    free: '12 GB',
    total: '14 GB',
  };
}
