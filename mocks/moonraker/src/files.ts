/**
 * The `gcodes` root (backed by the simulator's file store) and a small in-memory `config` root:
 * listing, metadata, delete and upload with Moonraker's payload shapes and errors.
 */
import { createHash } from 'node:crypto';
import type { PrinterSim, SimFile } from '@printkit/printer-sim';
import { MoonrakerError } from './errors.js';
import { readSlicerInfo, type SlicerInfo } from './slicer-comments.js';

export interface FileItem {
  path: string;
  root: string;
  modified: number;
  size: number;
  permissions: string;
}

interface ConfigFile {
  content: Buffer;
  modified: number;
}

export const ROOTS = ['gcodes', 'config'] as const;
/** Fallbacks the simulator needs when a file carries no slicer comments. */
const FALLBACK_SECONDS_PER_KB = 2;
const FALLBACK_LAYERS = 100;

export class FileStore {
  readonly #sim: PrinterSim;
  readonly #config = new Map<string, ConfigFile>();

  constructor(sim: PrinterSim) {
    this.#sim = sim;
    const now = sim.clock.now() / 1000;
    this.#config.set('printer.cfg', {
      content: Buffer.from('[printer]\nkinematics: cartesian\n'),
      modified: now,
    });
  }

  list(root: string): Array<Omit<FileItem, 'root'>> {
    checkRoot(root);
    if (root === 'config') {
      return [...this.#config].map(([path, file]) => ({
        path,
        modified: file.modified,
        size: file.content.length,
        permissions: 'rw',
      }));
    }
    return this.#sim.listFiles().map((file) => {
      const { root: _root, ...item } = gcodeItem(file);
      return item;
    });
  }

  /** `server.files.metadata`: a missing file is a 404 (→ -32601 over JSON-RPC). */
  metadata(
    filename: string,
    jobs: { jobId: string; startTime: number } | undefined,
  ): Record<string, unknown> {
    const file = this.#sim.getFile(stripRoot(filename));
    if (!file) throw new MoonrakerError(`Metadata not available for <${filename}>`, 404);
    const info = slicerInfoOf(file);
    const metadata: Record<string, unknown> = {
      size: file.sizeBytes,
      modified: file.addedAt / 1000,
      uuid: uuidFor(file.name),
      slicer: info.slicer ?? 'PrusaSlicer',
      slicer_version: info.slicerVersion ?? '2.7.1',
      gcode_start_byte: 0,
      gcode_end_byte: file.sizeBytes,
      layer_count: info.layers ?? file.layers,
      object_height: Math.round((info.layers ?? file.layers) * (info.layerHeight ?? 0.2) * 100) / 100,
      nozzle_diameter: 0.4,
      layer_height: info.layerHeight ?? 0.2,
      first_layer_height: info.layerHeight ?? 0.2,
      first_layer_extr_temp: info.nozzleCelsius ?? file.nozzleCelsius ?? 210,
      first_layer_bed_temp: info.bedCelsius ?? file.bedCelsius ?? 60,
      filament_total: info.filamentTotalMm ?? Math.round(file.sizeBytes * 0.004 * 100) / 100,
      thumbnails: [],
      print_start_time: jobs ? jobs.startTime : null,
      job_id: jobs ? jobs.jobId : null,
      filename: file.name,
    };
    if (info.estimatedSeconds !== undefined) metadata.estimated_time = info.estimatedSeconds;
    return metadata;
  }

  item(path: string): FileItem | undefined {
    const file = this.#sim.getFile(path);
    return file && gcodeItem(file);
  }

  /** `server.files.delete_file {path: "gcodes/x.gcode"}`. */
  delete(fullPath: string, loadedFile: string | undefined): { item: FileItem; action: 'delete_file' } {
    const [root, ...rest] = fullPath.replace(/^\/+/, '').split('/');
    const path = rest.join('/');
    if (root === undefined || !(ROOTS as readonly string[]).includes(root)) {
      throw new MoonrakerError(`Invalid root path (${root ?? ''})`);
    }
    if (root === 'config') {
      const file = this.#config.get(path);
      if (!file) throw new MoonrakerError(`File ${fullPath} does not exist`, 404);
      this.#config.delete(path);
      return {
        item: { path, root, modified: file.modified, size: file.content.length, permissions: 'rw' },
        action: 'delete_file',
      };
    }
    const file = this.#sim.getFile(path);
    if (!file) throw new MoonrakerError(`File ${fullPath} does not exist`, 404);
    if (loadedFile === path) throw new MoonrakerError('File is loaded, DELETE not permitted', 403);
    this.#sim.removeFile(path);
    return { item: gcodeItem(file), action: 'delete_file' };
  }

  /** Stores an upload; checks the sha256 checksum first (422 on mismatch, nothing stored). */
  upload(upload: {
    root: string;
    path: string;
    filename: string;
    content: Buffer;
    checksum?: string;
  }): FileItem {
    checkRoot(upload.root);
    if (upload.checksum !== undefined) {
      const calculated = createHash('sha256').update(upload.content).digest('hex');
      if (calculated !== upload.checksum.toLowerCase()) {
        throw new MoonrakerError(
          `File checksum mismatch: expected ${upload.checksum}, calculated ${calculated}`,
          422,
        );
      }
    }
    const dir = upload.path.replace(/^\/+|\/+$/g, '');
    const name = dir ? `${dir}/${upload.filename}` : upload.filename;
    if (!name || name.split('/').some((segment) => segment === '..' || segment === '')) {
      throw new MoonrakerError(`Invalid file name: ${name}`);
    }
    if (upload.root === 'config') {
      const modified = this.#sim.clock.now() / 1000;
      this.#config.set(name, { content: Buffer.from(upload.content), modified });
      return { path: name, root: 'config', modified, size: upload.content.length, permissions: 'rw' };
    }
    const info = readSlicerInfo(upload.content.toString('utf8'));
    const file = this.#sim.addFile({
      name,
      sizeBytes: upload.content.length,
      estimatedSeconds:
        info.estimatedSeconds ??
        Math.max(60, Math.round((upload.content.length / 1024) * FALLBACK_SECONDS_PER_KB)),
      layers: info.layers ?? FALLBACK_LAYERS,
      ...(info.nozzleCelsius !== undefined ? { nozzleCelsius: info.nozzleCelsius } : {}),
      ...(info.bedCelsius !== undefined ? { bedCelsius: info.bedCelsius } : {}),
      content: new Uint8Array(upload.content),
      metadata: { slicerInfo: { ...info } },
    });
    return gcodeItem(file);
  }
}

function checkRoot(root: string): void {
  if (!(ROOTS as readonly string[]).includes(root)) throw new MoonrakerError(`Invalid root path (${root})`);
}

/** Moonraker accepts metadata requests with or without the `gcodes/` prefix. */
function stripRoot(filename: string): string {
  return filename.replace(/^\/+/, '').replace(/^gcodes\//, '');
}

function gcodeItem(file: SimFile): FileItem {
  return {
    path: file.name,
    root: 'gcodes',
    modified: file.addedAt / 1000,
    size: file.sizeBytes,
    permissions: 'rw',
  };
}

/** Uploaded files carry what their comments said; the simulator's own files are treated as sliced. */
function slicerInfoOf(file: SimFile): SlicerInfo {
  const stored = file.metadata?.slicerInfo;
  if (stored && typeof stored === 'object') return stored as SlicerInfo;
  const info: SlicerInfo = { estimatedSeconds: file.estimatedSeconds, layers: file.layers };
  if (file.nozzleCelsius !== undefined) info.nozzleCelsius = file.nozzleCelsius;
  if (file.bedCelsius !== undefined) info.bedCelsius = file.bedCelsius;
  return info;
}

function uuidFor(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
