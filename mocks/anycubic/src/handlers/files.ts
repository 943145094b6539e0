/** `file/*` commands: listLocal / listUdisk with paging, deleteLocal / deleteUdisk, fileDetails (notes). */
import { ANYCUBIC_CODES } from '../error-codes.js';
import {
  type FileRecord,
  fileDetailsData,
  fileListData,
  localRecords,
  udiskRecords,
} from '../reports/file.js';
import { ACTIVE_SIM_STATES } from '../reports/status.js';
import { numberField, stringField } from '../wire.js';
import type { CommandContext, CommandHandler } from './context.js';
import { findLocalFile } from './print.js';

function isPositiveInteger(value: number | undefined): value is number {
  return value !== undefined && Number.isInteger(value) && value >= 1;
}

/**
 * A list without a path → 10112 "path is empty" ("More wire facts"); missing or invalid paging → 10112
 * too (notes: "missing paging → code 10112 on some firmware").
 */
function list(records: (ctx: CommandContext) => FileRecord[]): CommandHandler {
  return (ctx) => {
    const data = ctx.command.data;
    const path = stringField(data, 'path');
    if (!path) {
      ctx.fail(ANYCUBIC_CODES.missingPaging, 'path is empty');
      return;
    }
    const pageNum = numberField(data, 'page_num');
    const pageSize = numberField(data, 'page_size');
    if (!isPositiveInteger(pageNum) || !isPositiveInteger(pageSize)) {
      ctx.fail(ANYCUBIC_CODES.missingPaging, 'missing page_num / page_size');
      return;
    }
    ctx.reply('done', fileListData(records(ctx), path, pageNum, pageSize));
  };
}

const deleteLocal: CommandHandler = (ctx) => {
  const { sim } = ctx.printer;
  const filename = stringField(ctx.command.data, 'filename');
  const file = filename ? findLocalFile(sim, filename) : undefined;
  if (!file) {
    ctx.fail(ANYCUBIC_CODES.unknownFile, `no such file: ${filename ?? '(no filename)'}`);
    return;
  }
  const snapshot = ctx.printer.snapshot();
  if (ACTIVE_SIM_STATES.has(snapshot.state) && snapshot.job?.file === file.name) {
    ctx.fail(ANYCUBIC_CODES.taskActive, 'the file is being printed');
    return;
  }
  sim.removeFile(file.name);
  ctx.reply('done', { path: stringField(ctx.command.data, 'path') ?? '/', filename: file.name });
};

const deleteUdisk: CommandHandler = (ctx) => {
  const files = ctx.printer.device.udiskFiles;
  const filename = stringField(ctx.command.data, 'filename');
  const index = files.findIndex((file) => file.filename === filename);
  if (index < 0) {
    ctx.fail(ANYCUBIC_CODES.unknownFile, `no such file: ${filename ?? '(no filename)'}`);
    return;
  }
  files.splice(index, 1);
  ctx.reply('done', { path: stringField(ctx.command.data, 'path') ?? '/', filename });
};

/** `fileDetails` `{ root: "local" | "udisk", filename }`; the answer's shape is the mock's (see README). */
const fileDetails: CommandHandler = (ctx) => {
  const data = ctx.command.data;
  const root = stringField(data, 'root') ?? 'local';
  const filename = stringField(data, 'filename');
  const file =
    filename === undefined
      ? undefined
      : root === 'udisk'
        ? udiskRecords(ctx.printer.device.udiskFiles).find((record) => record.filename === filename)
        : findLocalFile(ctx.printer.sim, filename);
  if (!file) {
    ctx.fail(ANYCUBIC_CODES.unknownFile, `no such file: ${filename ?? '(no filename)'}`);
    return;
  }
  ctx.reply('done', fileDetailsData(ctx.printer, root, file));
};

export const fileHandlers: Record<string, CommandHandler> = {
  listLocal: list((ctx) => localRecords(ctx.printer.sim.listFiles())),
  listUdisk: list((ctx) => udiskRecords(ctx.printer.device.udiskFiles)),
  deleteLocal,
  deleteUdisk,
  fileDetails,
};
