/**
 * `file/*` report data: listings `{ records: [{ filename, size, is_dir, timestamp }] }` with paging, and
 * file details (notes, "files"). Paging echo fields and the details shape are the mock's choice: the
 * notes only name `records`.
 */
import type { SimFile } from '@printkit/printer-sim';
import type { UdiskFile } from '../device-state.js';
import { type ReportContext, wireDuration } from './context.js';

export interface FileRecord {
  filename: string;
  size: number;
  is_dir: boolean;
  /** ms since epoch */
  timestamp: number;
}

export function localRecords(files: readonly SimFile[]): FileRecord[] {
  return files.map((file) => ({
    filename: file.name,
    size: file.sizeBytes,
    is_dir: false,
    timestamp: file.addedAt,
  }));
}

export function udiskRecords(files: readonly UdiskFile[]): FileRecord[] {
  return files.map((file) => ({
    filename: file.filename,
    size: file.size,
    is_dir: false,
    timestamp: file.timestamp,
  }));
}

/** One page (1-based `page_num`) of the records, newest first as the printer's screen lists them. */
export function fileListData(records: FileRecord[], path: string, pageNum: number, pageSize: number) {
  const sorted = [...records].sort(
    (a, b) => b.timestamp - a.timestamp || a.filename.localeCompare(b.filename),
  );
  const start = (pageNum - 1) * pageSize;
  return {
    path,
    page_num: pageNum,
    page_size: pageSize,
    total: sorted.length,
    records: sorted.slice(start, start + pageSize),
  };
}

export function fileDetailsData(ctx: ReportContext, root: string, file: SimFile | FileRecord) {
  if ('name' in file) {
    return {
      root,
      filename: file.name,
      size: file.sizeBytes,
      timestamp: file.addedAt,
      total_layers: file.layers,
      estimate_time: wireDuration(file.estimatedSeconds, ctx.printTimeUnit),
    };
  }
  return { root, filename: file.filename, size: file.size, timestamp: file.timestamp };
}
