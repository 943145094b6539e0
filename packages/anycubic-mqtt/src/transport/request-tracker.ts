/**
 * Pending commands and what settles them. Every command has its own `msgid`; the printer echoes it
 * on the `response` topic (the ack) and, on some firmware, in the answering report. A report that
 * carries a pending `msgid` settles exactly that call. A report without one (the seed's info report
 * carries a msgid of its own) settles every pending call it answers by type, action and state, as the
 * command table says. A non-200 `code` rejects with `PrinterRejectedError`.
 */
import {
  abortReason,
  type Clock,
  ConnectionError,
  type PrintkitError,
  systemClock,
  TimeoutError,
} from '@printkit/core-types';
import { isOkCode } from '../protocol/decode.js';
import { firmwareRejection } from '../protocol/errors.js';
import type { CommandSpec, Settle } from '../protocol/table.js';
import type { Ack, AnyReport, Report, ReportType } from '../protocol/wire.js';

export interface CommandReply<T extends ReportType = ReportType> {
  msgid: string;
  /** The answering report; undefined when the call settled on the ack alone. */
  report: Report<T> | undefined;
  ack: Ack | undefined;
}

interface Pending {
  spec: CommandSpec;
  settle: Settle;
  operation: string;
  ack: Ack | undefined;
  resolve(reply: CommandReply): void;
  reject(error: PrintkitError): void;
}

export interface TrackOptions {
  spec: CommandSpec;
  msgid: string;
  settle: Settle;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

function answers(spec: CommandSpec, report: AnyReport): boolean {
  if (report.type !== spec.report) return false;
  if (spec.reportActions && !spec.reportActions.includes(report.action)) return false;
  if (!isOkCode(report.code)) return true;
  return !spec.reportStates || (report.rawState !== undefined && spec.reportStates.includes(report.rawState));
}

export class RequestTracker {
  readonly #pending = new Map<string, Pending>();
  readonly #clock: Clock;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  get size(): number {
    return this.#pending.size;
  }

  /**
   * Registers a call before its command is published (the answer can beat the publish callback).
   * One timer and at most one listener on the caller's signal per call: this is every command's hot
   * path, and `createDeadline`'s AbortController per call cost more than the rest of the bookkeeping.
   */
  track(options: TrackOptions): Promise<CommandReply> {
    const { spec, msgid, settle, timeoutMs, signal } = options;
    const operation = `${spec.type}/${spec.action}`;
    return new Promise<CommandReply>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal, operation));
        return;
      }
      let timer: unknown;
      const finish = () => {
        this.#pending.delete(msgid);
        if (timer !== undefined) this.#clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const entry: Pending = {
        spec,
        settle,
        operation,
        ack: undefined,
        resolve: (reply) => {
          finish();
          resolve(reply);
        },
        reject: (error) => {
          finish();
          reject(error);
        },
      };
      const onAbort = () => entry.reject(abortReason(signal as AbortSignal, operation));
      const onTimeout = () => {
        const message = entry.ack
          ? `${operation}: the printer acknowledged the command but sent no answer within ${timeoutMs} ms`
          : `${operation} timed out after ${timeoutMs} ms`;
        entry.reject(new TimeoutError(message, { timeoutMs, operation }));
      };
      // 0 or Infinity: no timeout (as `RequestOptions` says).
      if (timeoutMs > 0 && Number.isFinite(timeoutMs)) timer = this.#clock.setTimeout(onTimeout, timeoutMs);
      this.#pending.set(msgid, entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Rejects one call (e.g. its publish failed). */
  fail(msgid: string, error: PrintkitError): void {
    this.#pending.get(msgid)?.reject(error);
  }

  handleAck(ack: Ack): void {
    const entry = this.#pending.get(ack.msgid);
    if (!entry) return;
    if (!isOkCode(ack.code ?? undefined)) {
      entry.reject(firmwareRejection(entry.operation, ack.code ?? undefined, ack.msg ?? undefined));
      return;
    }
    entry.ack = ack;
    if (entry.settle === 'ack') entry.resolve({ msgid: ack.msgid, report: undefined, ack });
  }

  handleReport(report: AnyReport): void {
    const byId = report.msgid === undefined ? undefined : this.#pending.get(report.msgid);
    if (byId) {
      this.#settle(report.msgid as string, byId, report);
      return;
    }
    if (this.#pending.size === 0) return;
    for (const [msgid, entry] of [...this.#pending]) {
      if (answers(entry.spec, report)) this.#settle(msgid, entry, report);
    }
  }

  /** Rejects every pending call, e.g. with a `ConnectionError` when the connection closes. */
  failAll(makeError: (operation: string) => PrintkitError): void {
    for (const entry of [...this.#pending.values()]) entry.reject(makeError(entry.operation));
  }

  #settle(msgid: string, entry: Pending, report: AnyReport): void {
    if (!isOkCode(report.code)) entry.reject(firmwareRejection(entry.operation, report.code, report.msg));
    else entry.resolve({ msgid, report, ack: entry.ack });
  }
}

export function closedError(operation?: string): ConnectionError {
  return new ConnectionError(
    'The connection to the printer closed before the command was answered',
    operation === undefined ? {} : { operation },
  );
}
