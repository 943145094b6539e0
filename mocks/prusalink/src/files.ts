/**
 * Paths on the mock's one storage. Simulator files are flat names; a name with slashes
 * (`examples/cube.gcode`) is a file in a folder, and folders exist while a file is in them.
 */
import type { SimFile } from '@printkit/printer-sim';

export interface StorageInfo {
  /** The storage as the URL names it: `usb` or `local`. */
  readonly name: string;
  /** As `/api/v1/storage` shows it: `/usb/` (firmware) or `/local` (Pi). */
  readonly path: string;
  readonly type: 'USB' | 'LOCAL';
  readonly displayName: string;
}

export function storageInfo(storage: 'usb' | 'local'): StorageInfo {
  return storage === 'usb'
    ? { name: 'usb', path: '/usb/', type: 'USB', displayName: 'usb' }
    : { name: 'local', path: '/local', type: 'LOCAL', displayName: 'PrusaLink gcodes' };
}

/** Decodes a path below the storage; undefined for a broken escape, `..`, NUL or an empty segment. */
export function decodeFilePath(raw: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const trimmed = decoded.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed.includes('\0')) return undefined;
  const segments = trimmed === '' ? [] : trimmed.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return undefined;
  return segments.join('/');
}

export interface FolderEntry {
  readonly kind: 'folder';
  readonly name: string;
  readonly path: string;
  readonly newest: number;
}

export interface FileEntry {
  readonly kind: 'file';
  readonly file: SimFile;
}

/** The direct children of `folder` ('' = the storage root). */
export function childrenOf(files: readonly SimFile[], folder: string): Array<FileEntry | FolderEntry> {
  const prefix = folder === '' ? '' : `${folder}/`;
  const folders = new Map<string, FolderEntry>();
  const entries: Array<FileEntry | FolderEntry> = [];
  for (const file of files) {
    if (!file.name.startsWith(prefix)) continue;
    const rest = file.name.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) {
      entries.push({ kind: 'file', file });
      continue;
    }
    const name = rest.slice(0, slash);
    const existing = folders.get(name);
    const newest = Math.max(existing?.newest ?? 0, file.addedAt);
    folders.set(name, { kind: 'folder', name, path: `${prefix}${name}`, newest });
  }
  return [...folders.values(), ...entries];
}

export function isFolder(files: readonly SimFile[], path: string): boolean {
  return path === '' || files.some((file) => file.name.startsWith(`${path}/`));
}

/** The last path segment. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The folder part, '' at the root. */
export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * The print time a slicer wrote into the G-code: PrusaSlicer's
 * `; estimated printing time (normal mode) = 1h 2m 3s` (the metadata key the spec lists).
 */
export function estimatedSecondsFromGcode(text: string): number | undefined {
  const match = /;\s*estimated printing time \(normal mode\)\s*=\s*((?:\d+[dhms]\s*)+)/.exec(text);
  if (!match) return undefined;
  const units: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };
  let total = 0;
  for (const part of (match[1] ?? '').matchAll(/(\d+)([dhms])/g)) {
    total += Number(part[1]) * (units[part[2] ?? 's'] ?? 0);
  }
  return total > 0 ? total : undefined;
}
