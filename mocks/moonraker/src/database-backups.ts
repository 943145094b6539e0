/**
 * Database backups (`<data_path>/backup/database/<name>`): kept in memory, or as files under
 * `<databaseDir>/backup/database/` when the database is persisted.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Dump = Record<string, Record<string, unknown>>;

/** Where a real install keeps its data (printer.info / server.config use the same tree). */
export const DATA_PATH = '/home/pi/printer_data';

export class DatabaseBackups {
  readonly #memory = new Map<string, Dump>();
  readonly #directory: string | undefined;

  constructor(databaseDir: string | undefined) {
    this.#directory = databaseDir === undefined ? undefined : join(databaseDir, 'backup', 'database');
  }

  names(): string[] {
    if (this.#directory === undefined) return [...this.#memory.keys()];
    return existsSync(this.#directory) ? readdirSync(this.#directory) : [];
  }

  pathOf(name: string): string {
    return this.#directory === undefined
      ? `${DATA_PATH}/backup/database/${name}`
      : join(this.#directory, name);
  }

  save(name: string, dump: Dump): string {
    if (this.#directory === undefined) this.#memory.set(name, dump);
    else {
      mkdirSync(this.#directory, { recursive: true });
      writeFileSync(join(this.#directory, name), JSON.stringify(dump));
    }
    return this.pathOf(name);
  }

  read(name: string): Dump | undefined {
    if (this.#directory === undefined) return this.#memory.get(name);
    try {
      return JSON.parse(readFileSync(join(this.#directory, name), 'utf8')) as Dump;
    } catch {
      return undefined;
    }
  }

  /** The removed backup's path, or undefined when there was none. */
  remove(name: string): string | undefined {
    if (this.#directory === undefined) return this.#memory.delete(name) ? this.pathOf(name) : undefined;
    const path = join(this.#directory, name);
    if (!existsSync(path)) return undefined;
    rmSync(path);
    return path;
  }
}
