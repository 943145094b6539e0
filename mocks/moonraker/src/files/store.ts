/**
 * Moonraker's file manager over an in-memory tree (components/file_manager/file_manager.py,
 * v0.10.0): roots `config`, `logs` (read-only) and `gcodes`. G-code files are the simulator's files
 * (so the sim can print what is listed, uploaded, moved or copied); other files (thumbnails under
 * `.thumbs/`, configs, anything uploaded) and directories live here. Messages use the paths a real
 * install under /home/pi/printer_data would show, including the Python `OSError` texts.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Clock, PrinterSim, SimFile } from '@printkit/printer-sim';
import { DATA_PATH } from '../database-backups.js';
import { MoonrakerError } from '../errors.js';
import { parseMetadata, type Thumbnail } from './metadata.js';
import { synthesizeGcode } from './synth-gcode.js';

export type Root = 'config' | 'logs' | 'gcodes';
/** file_manager.py registers these; server.info `registered_directories` lists them in this order. */
export const ROOTS: readonly Root[] = ['config', 'logs', 'gcodes'];
const FULL_ACCESS: readonly Root[] = ['config', 'gcodes'];
export const GCODE_EXTS = ['.gcode', '.g', '.gco', '.ufp', '.nc'];
/** os.stat of a directory on ext4. */
const DIR_SIZE = 4096;

export interface FileItem {
  path: string;
  root: string;
  modified: number;
  size: number;
  permissions: string;
}

interface Stored {
  content: Buffer;
  modified: number;
}

interface Entry {
  size: number;
  modified: number;
  read(): Buffer;
}

export interface FileStoreOptions {
  sim: PrinterSim;
  clock: Clock;
  /** Initial config files (printer.cfg, moonraker.conf). */
  config: Record<string, string>;
  /** Generated log files, read when requested. */
  logs: () => Record<string, string>;
  /**
   * A folder the config root lives in: files there are the config (the generated ones are written
   * there when it is empty), and every change is saved to it.
   */
  configDir?: string | undefined;
}

export function isGcode(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') && GCODE_EXTS.includes(path.slice(dot).toLowerCase());
}

/** Python's os.path.normpath for '/'-separated paths. */
export function normpath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && absolute) continue;
    else out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

export class FileStore {
  readonly #sim: PrinterSim;
  readonly #clock: Clock;
  readonly #logs: () => Record<string, string>;
  readonly #extra: Record<Root, Map<string, Stored>> = {
    config: new Map(),
    logs: new Map(),
    gcodes: new Map(),
  };
  readonly #dirs: Record<Root, Map<string, number>> = {
    config: new Map(),
    logs: new Map(),
    gcodes: new Map(),
  };
  /** When the fake first saw each sim file (wall clock): a sim at speed 30 adds files "in the future". */
  readonly #gcodeModified = new Map<string, number>();
  readonly #metadata = new Map<string, { key: string; fields: Record<string, unknown> }>();
  readonly #configDir: string | undefined;

  constructor(options: FileStoreOptions) {
    this.#sim = options.sim;
    this.#clock = options.clock;
    this.#logs = options.logs;
    this.#configDir = options.configDir;
    const now = this.#now();
    const stored = this.#configDir === undefined ? [] : listFiles(this.#configDir);
    if (stored.length > 0 && this.#configDir !== undefined) {
      for (const path of stored) {
        const full = join(this.#configDir, path);
        this.#extra.config.set(path, {
          content: readFileSync(full),
          modified: statSync(full).mtimeMs / 1000,
        });
      }
      return;
    }
    for (const [path, text] of Object.entries(options.config)) {
      this.#extra.config.set(path, { content: Buffer.from(text), modified: now });
      this.#saveConfig(path);
    }
  }

  /** Mirrors one config file (or its removal) to `configDir`. */
  #saveConfig(path: string): void {
    if (this.#configDir === undefined) return;
    const full = join(this.#configDir, path);
    const stored = this.#extra.config.get(path);
    if (stored) {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, stored.content);
    } else {
      rmSync(full, { force: true });
    }
  }

  #now(): number {
    return this.#clock.now() / 1000;
  }

  diskPath(root: string, rel: string): string {
    return rel === '' ? `${DATA_PATH}/${root}` : `${DATA_PATH}/${root}/${rel}`;
  }

  /** file_manager.py `_convert_request_path`: "root/rel" → checked root and normalised rel. */
  resolve(requestPath: string): { root: Root; rel: string } {
    const normalized = normpath(requestPath).replace(/^\/+/, '');
    const slash = normalized.indexOf('/');
    const root = slash < 0 ? normalized : normalized.slice(0, slash);
    const rest = slash < 0 ? '' : normalized.slice(slash + 1);
    if (!(ROOTS as readonly string[]).includes(root)) throw new MoonrakerError(`Invalid root path (${root})`);
    if (rest === '..' || rest.startsWith('../'))
      throw new MoonrakerError(`Invalid path request, '${requestPath}'' is outside root '${root}'`);
    if (rest.split('/').includes('.git'))
      throw new MoonrakerError('Access to .git folders is forbidden', 403);
    return { root: root as Root, rel: rest === '.' ? '' : rest };
  }

  // ---- what is there ----

  #entries(root: Root): Map<string, Entry> {
    const entries = new Map<string, Entry>();
    if (root === 'gcodes') {
      for (const file of this.#sim.listFiles()) {
        let modified = this.#gcodeModified.get(file.name);
        if (modified === undefined) {
          modified = this.#now();
          this.#gcodeModified.set(file.name, modified);
        }
        entries.set(file.name, { size: file.sizeBytes, modified, read: () => contentOf(file) });
      }
    }
    if (root === 'logs') {
      const now = this.#now();
      for (const [name, text] of Object.entries(this.#logs())) {
        const content = Buffer.from(text);
        entries.set(name, { size: content.length, modified: now, read: () => content });
      }
    }
    for (const [path, stored] of this.#extra[root]) {
      entries.set(path, {
        size: stored.content.length,
        modified: stored.modified,
        read: () => stored.content,
      });
    }
    return entries;
  }

  #isDir(root: Root, rel: string): boolean {
    if (rel === '' || this.#dirs[root].has(rel)) return true;
    const prefix = `${rel}/`;
    for (const path of this.#entries(root).keys()) if (path.startsWith(prefix)) return true;
    for (const dir of this.#dirs[root].keys()) if (dir.startsWith(prefix)) return true;
    return false;
  }

  #entry(root: Root, rel: string): Entry | undefined {
    return this.#entries(root).get(rel);
  }

  #info(root: Root, rel: string): { modified: number; size: number; permissions: string } {
    const entry = this.#entry(root, rel);
    const permissions = FULL_ACCESS.includes(root) ? 'rw' : 'r';
    if (entry) return { modified: entry.modified, size: entry.size, permissions };
    if (this.#isDir(root, rel))
      return { modified: this.#dirs[root].get(rel) ?? 0, size: DIR_SIZE, permissions };
    // get_path_info(raise_error=False) of a path that is gone.
    return { modified: 0, size: 0, permissions: '' };
  }

  /** An item as `_sched_changed_event` reports it. */
  item(root: Root, rel: string): FileItem {
    return { ...this.#info(root, rel), path: rel, root };
  }

  /** `server.files.list`: every file under the root (G-code files only in `gcodes`), sorted. */
  list(root: string): Array<Omit<FileItem, 'root'>> {
    if (!(ROOTS as readonly string[]).includes(root))
      throw new MoonrakerError(`Failed to build file list, invalid path: ${root}: None`);
    const r = root as Root;
    const permissions = FULL_ACCESS.includes(r) ? 'rw' : 'r';
    return [...this.#entries(r)]
      .filter(([path]) => (r !== 'gcodes' || isGcode(path)) && !path.split('/').includes('.git'))
      .sort(([a], [b]) =>
        a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
      )
      .map(([path, entry]) => ({ path, modified: entry.modified, size: entry.size, permissions }));
  }

  roots(): Array<{ name: string; path: string; permissions: string }> {
    return ROOTS.map((name) => ({
      name,
      path: this.diskPath(name, ''),
      permissions: FULL_ACCESS.includes(name) ? 'rw' : 'r',
    }));
  }

  /**
   * Moonraker parses a G-code file's metadata when the file appears, so its `.thumbs/` exist
   * before anyone lists them; the fake parses (once per file version) before it answers.
   */
  #ensureMetadata(): void {
    for (const file of this.#sim.listFiles()) if (isGcode(file.name)) this.#metadataOf(file.name, false);
  }

  /** `server.files.get_directory`. */
  getDirectory(path: string, extended: boolean): Record<string, unknown> {
    const { root, rel } = this.resolve(path);
    if (root === 'gcodes') this.#ensureMetadata();
    if (!this.#isDir(root, rel))
      throw new MoonrakerError(`Directory does not exist (${this.diskPath(root, rel)})`);
    const prefix = rel === '' ? '' : `${rel}/`;
    const dirNames = new Set<string>();
    const files: Array<Record<string, unknown>> = [];
    const entries = this.#entries(root);
    for (const [path, entry] of entries) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash >= 0) {
        dirNames.add(rest.slice(0, slash));
        continue;
      }
      const info: Record<string, unknown> = {
        modified: entry.modified,
        size: entry.size,
        permissions: FULL_ACCESS.includes(root) ? 'rw' : 'r',
        filename: rest,
      };
      if (root === 'gcodes' && extended && isGcode(rest))
        Object.assign(info, this.#metadataOf(path, false) ?? {});
      files.push(info);
    }
    for (const dir of this.#dirs[root].keys()) {
      if (!dir.startsWith(prefix)) continue;
      dirNames.add(dir.slice(prefix.length).split('/')[0] ?? '');
    }
    dirNames.delete('');
    const dirs = [...dirNames].sort().map((name) => ({ ...this.#info(root, prefix + name), dirname: name }));
    files.sort((a, b) => String(a.filename).localeCompare(String(b.filename)));
    return {
      dirs,
      files,
      disk_usage: { total: 31_914_983_424, used: 9_823_125_504, free: 20_476_473_344 },
      root_info: { name: root, permissions: FULL_ACCESS.includes(root) ? 'rw' : 'r' },
    };
  }

  /** `server.files.post_directory`: os.mkdir (the parent must exist). */
  createDirectory(path: string): FileItem {
    const { root, rel } = this.resolve(path);
    if (!FULL_ACCESS.includes(root)) throw new MoonrakerError('Operation Not Supported', 405);
    const disk = this.diskPath(root, rel);
    if (this.#isDir(root, rel) || this.#entry(root, rel))
      throw new MoonrakerError(`[Errno 17] File exists: '${disk}'`);
    const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
    if (!this.#isDir(root, parent))
      throw new MoonrakerError(`[Errno 2] No such file or directory: '${disk}'`);
    this.#dirs[root].set(rel, this.#now());
    return this.item(root, rel);
  }

  /** `server.files.delete_directory`: os.rmdir, or shutil.rmtree with `force`. */
  deleteDirectory(path: string, force: boolean, loaded: string | undefined): FileItem {
    const { root, rel } = this.resolve(path);
    if (!FULL_ACCESS.includes(root)) throw new MoonrakerError('Operation Not Supported', 405);
    if (normpath(path).replace(/^\/+|\/+$/g, '') === root)
      throw new MoonrakerError('Cannot delete root directory');
    if (!this.#isDir(root, rel)) throw new MoonrakerError(`Directory does not exist (${path})`);
    const prefix = `${rel}/`;
    const inside = [...this.#entries(root).keys()].filter((p) => p.startsWith(prefix));
    const subdirs = [...this.#dirs[root].keys()].filter((d) => d.startsWith(prefix));
    if (!force && (inside.length > 0 || subdirs.length > 0))
      throw new MoonrakerError(`[Errno 39] Directory not empty: '${this.diskPath(root, rel)}'`);
    if (root === 'gcodes' && loaded !== undefined && loaded.startsWith(prefix))
      throw new MoonrakerError('File currently in use', 403);
    const item = this.item(root, rel);
    for (const path of inside) this.#remove(root, path);
    for (const dir of subdirs) this.#dirs[root].delete(dir);
    this.#dirs[root].delete(rel);
    return { ...item, modified: 0, size: 0, permissions: '' };
  }

  /** `server.files.delete_file` / `DELETE /server/files/<root>/<path>`. */
  deleteFile(path: string, loaded: string | undefined): FileItem {
    const { root, rel } = this.resolve(path);
    if (!FULL_ACCESS.includes(root)) throw new MoonrakerError(`Path not available for DELETE: ${path}`, 405);
    if (!this.#entry(root, rel)) throw new MoonrakerError(`Invalid file path: ${path}`);
    if (root === 'gcodes' && loaded === rel) throw new MoonrakerError('File currently in use', 403);
    this.#remove(root, rel);
    return { modified: 0, size: 0, permissions: '', path: rel, root };
  }

  /** `server.files.move` / `copy`; returns the action and the items for the notification. */
  moveOrCopy(
    operation: 'move' | 'copy',
    source: string,
    dest: string,
    loaded: string | undefined,
  ): { action: string; item: FileItem; source_item?: { path: string; root: string } } {
    const src = this.resolve(source);
    const dst = this.resolve(dest);
    if (!FULL_ACCESS.includes(dst.root))
      throw new MoonrakerError(`Destination path is read-only: ${dst.root}`);
    const srcIsDir = src.rel !== '' && this.#isDir(src.root, src.rel);
    const srcFile = this.#entry(src.root, src.rel);
    if (!srcIsDir && !srcFile)
      throw new MoonrakerError(`File ${this.diskPath(src.root, src.rel)} does not exist`);
    const inUse = (root: Root, rel: string) =>
      root === 'gcodes' && loaded !== undefined && (loaded === rel || loaded.startsWith(`${rel}/`));
    if (inUse(dst.root, dst.rel)) throw new MoonrakerError('File currently in use', 403);
    // shutil semantics: onto an existing directory, the item goes inside it.
    let target = dst.rel;
    if (this.#isDir(dst.root, dst.rel) && !(srcIsDir && operation === 'copy')) {
      target = dst.rel === '' ? baseName(src.rel) : `${dst.rel}/${baseName(src.rel)}`;
    }
    if (operation === 'move') {
      if (!FULL_ACCESS.includes(src.root))
        throw new MoonrakerError(`Source path is read-only, cannot move: ${src.root}`);
      if (inUse(src.root, src.rel)) throw new MoonrakerError('File currently in use', 403);
    }
    let action: string;
    if (srcIsDir) {
      if (operation === 'copy' && this.#isDir(dst.root, target))
        throw new MoonrakerError(`[Errno 17] File exists: '${this.diskPath(dst.root, target)}'`);
      const prefix = `${src.rel}/`;
      for (const [path, entry] of [...this.#entries(src.root)].filter(([p]) => p.startsWith(prefix))) {
        this.#write(dst.root, `${target}/${path.slice(prefix.length)}`, entry.read(), src.root, path);
        if (operation === 'move') this.#remove(src.root, path);
      }
      for (const dir of [...this.#dirs[src.root].keys()].filter(
        (d) => d === src.rel || d.startsWith(prefix),
      )) {
        this.#dirs[dst.root].set(target + dir.slice(src.rel.length), this.#now());
        if (operation === 'move') this.#dirs[src.root].delete(dir);
      }
      this.#dirs[dst.root].set(target, this.#now());
      action = operation === 'move' ? 'move_dir' : 'create_dir';
    } else {
      const existed = this.#entry(dst.root, target) !== undefined;
      this.#write(dst.root, target, (srcFile as Entry).read(), src.root, src.rel);
      if (operation === 'move') this.#remove(src.root, src.rel);
      action = operation === 'move' ? 'move_file' : existed ? 'modify_file' : 'create_file';
    }
    const result: { action: string; item: FileItem; source_item?: { path: string; root: string } } = {
      item: this.item(dst.root, target),
      action,
    };
    if (operation === 'move') result.source_item = { path: src.rel, root: src.root };
    return result;
  }

  /** Writes a file (upload, copy, move, zip); G-code files become sim files. */
  write(root: Root, rel: string, content: Buffer): void {
    this.#write(root, rel, content, undefined, undefined);
  }

  #write(
    root: Root,
    rel: string,
    content: Buffer,
    fromRoot: Root | undefined,
    fromRel: string | undefined,
  ): void {
    this.#metadata.delete(rel);
    if (root === 'gcodes' && isGcode(rel)) {
      const previous = fromRoot === 'gcodes' && fromRel ? this.#sim.getFile(fromRel) : undefined;
      const parsed = parseMetadata(content, rel, this.#now());
      const fields = parsed.fields;
      const estimated = Number(fields.estimated_time);
      const layers = Number(fields.layer_count);
      this.#sim.addFile({
        name: rel,
        sizeBytes: content.length,
        estimatedSeconds:
          previous?.estimatedSeconds ??
          (estimated > 0 ? estimated : Math.max(60, Math.round((content.length / 1024) * 2))),
        layers: previous?.layers ?? (Number.isInteger(layers) && layers >= 1 ? layers : 100),
        ...(typeof fields.first_layer_extr_temp === 'number'
          ? { nozzleCelsius: fields.first_layer_extr_temp }
          : {}),
        ...(typeof fields.first_layer_bed_temp === 'number'
          ? { bedCelsius: fields.first_layer_bed_temp }
          : {}),
        content: new Uint8Array(content),
      });
      this.#gcodeModified.set(rel, this.#now());
      this.#storeThumbnails(rel, parsed.thumbnails);
      return;
    }
    this.#extra[root].set(rel, { content: Buffer.from(content), modified: this.#now() });
    if (root === 'config') this.#saveConfig(rel);
  }

  #remove(root: Root, rel: string): void {
    this.#metadata.delete(rel);
    if (root === 'gcodes' && isGcode(rel)) {
      this.#sim.removeFile(rel);
      this.#gcodeModified.delete(rel);
      // The file's thumbnails go with it, as Moonraker removes them with the metadata.
      const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
      const thumbs = `${dir}.thumbs/${baseName(rel).replace(/\.[^.]+$/, '')}-`;
      for (const path of [...this.#extra.gcodes.keys()])
        if (path.startsWith(thumbs)) this.#extra.gcodes.delete(path);
    } else {
      this.#extra[root].delete(rel);
      if (root === 'config') this.#saveConfig(rel);
    }
  }

  #storeThumbnails(rel: string, thumbnails: readonly Thumbnail[]): void {
    const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
    for (const thumb of thumbnails) {
      this.#extra.gcodes.set(dir + thumb.relative_path, { content: thumb.data, modified: this.#now() });
    }
  }

  /** Bytes of a file for a download; undefined when there is none. */
  read(root: Root, rel: string): Buffer | undefined {
    if (root === 'gcodes') this.#ensureMetadata();
    return this.#entry(root, rel)?.read();
  }

  /** Metadata of a G-code file, parsed once per version of the file (and its thumbnails stored). */
  #metadataOf(rel: string, rescan: boolean): Record<string, unknown> | undefined {
    const entry = this.#entry('gcodes', rel);
    if (!entry || !isGcode(rel)) return undefined;
    const key = `${entry.size}\0${entry.modified}`;
    const cached = this.#metadata.get(rel);
    if (cached && cached.key === key && !rescan) return { ...cached.fields };
    const parsed = parseMetadata(entry.read(), rel, entry.modified);
    this.#storeThumbnails(rel, parsed.thumbnails);
    this.#metadata.set(rel, { key, fields: parsed.fields });
    return { ...parsed.fields };
  }

  /** `server.files.metadata`: with or without the `gcodes/` prefix. */
  metadata(filename: string, job: { jobId: string; startTime: number } | undefined): Record<string, unknown> {
    const rel = filename.replace(/^\/+/, '').replace(/^gcodes\//, '');
    const fields = this.#metadataOf(rel, false);
    if (!fields) throw new MoonrakerError(`Metadata not available for <${filename}>`, 404);
    return {
      ...fields,
      print_start_time: job ? job.startTime : null,
      job_id: job ? job.jobId : null,
      filename,
    };
  }

  /** `server.files.metascan`: parse again. */
  metascan(filename: string): Record<string, unknown> {
    const rel = normpath(filename).replace(/^\/+/, '');
    if (!this.#entry('gcodes', rel)) throw new MoonrakerError(`File '${filename}' does not exist`, 404);
    if (!isGcode(rel))
      throw new MoonrakerError(`File ${this.diskPath('gcodes', rel)} is not a valid gcode file`);
    return { ...(this.#metadataOf(rel, true) ?? {}), filename };
  }

  /** `server.files.thumbnails`: `relative_path` becomes `thumbnail_path` (relative to gcodes). */
  thumbnails(filename: string): Array<Record<string, unknown>> {
    const rel = filename.replace(/^\/+/, '').replace(/^gcodes\//, '');
    const fields = this.#metadataOf(rel, false);
    const list = fields?.thumbnails;
    if (!Array.isArray(list)) return [];
    const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
    return list.map((thumb: { relative_path: string } & Record<string, unknown>) => {
      const { relative_path, ...rest } = thumb;
      return { ...rest, thumbnail_path: dir + relative_path };
    });
  }

  /** Files under a directory (for zip), as [rel, bytes]. */
  filesUnder(root: Root, rel: string): Array<[string, Buffer]> {
    const entry = this.#entry(root, rel);
    if (entry) return [[rel, entry.read()]];
    if (!this.#isDir(root, rel)) return [];
    const prefix = rel === '' ? '' : `${rel}/`;
    // _zip_files takes a directory's direct children only.
    return [...this.#entries(root)]
      .filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/'))
      .map(([path, e]) => [path, e.read()]);
  }

  isDirectory(root: Root, rel: string): boolean {
    return this.#isDir(root, rel);
  }

  exists(root: Root, rel: string): boolean {
    return this.#entry(root, rel) !== undefined || this.#isDir(root, rel);
  }
}

/** Every file under a folder, as '/'-separated relative paths. */
function listFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries
    .filter((entry) => statSync(join(dir, entry)).isFile())
    .map((entry) => relative(dir, join(dir, entry)).split('\\').join('/'));
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function contentOf(file: SimFile): Buffer {
  return file.content ? Buffer.from(file.content) : synthesizeGcode(file);
}
