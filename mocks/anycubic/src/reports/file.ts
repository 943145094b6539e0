/**
 * `file/*` report data: listings `{ list_mode, records: [{ is_dir, filename, timestamp, size,
 * plate_number }] }` with paging, and file details (notes, "files" and "More wire facts"). The notes
 * name those keys but not the values of `list_mode` and `plate_number` (the mock sends 0 and 1); the
 * paging echo fields and the details shape are the mock's choice.
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
  /** Plates in the file; 1 for the mock's single-plate G-code (value not in the notes). */
  plate_number: number;
}

export function localRecords(files: readonly SimFile[]): FileRecord[] {
  return files.map((file) => ({
    filename: file.name,
    size: file.sizeBytes,
    is_dir: false,
    timestamp: file.addedAt,
    plate_number: 1,
  }));
}

export function udiskRecords(files: readonly UdiskFile[]): FileRecord[] {
  return files.map((file) => ({
    filename: file.filename,
    size: file.size,
    is_dir: false,
    timestamp: file.timestamp,
    plate_number: 1,
  }));
}

/** One page (1-based `page_num`) of the records, newest first as the printer's screen lists them. */
export function fileListData(records: FileRecord[], path: string, pageNum: number, pageSize: number) {
  const sorted = [...records].sort(
    (a, b) => b.timestamp - a.timestamp || a.filename.localeCompare(b.filename),
  );
  const start = (pageNum - 1) * pageSize;
  return {
    list_mode: 0,
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
