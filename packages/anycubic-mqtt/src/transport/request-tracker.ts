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
  DeadlineTimer,
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

export interface TrackOptions {
  spec: CommandSpec;
  msgid: string;
  settle: Settle;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** `type/action`, for errors; made from `spec` when absent. */
  operation?: string;
}

function answers(spec: CommandSpec, report: AnyReport): boolean {
  if (report.type !== spec.report) return false;
  if (spec.reportActions && !spec.reportActions.includes(report.action)) return false;
  if (!isOkCode(report.code)) return true;
  return !spec.reportStates || (report.rawState !== undefined && spec.reportStates.includes(report.rawState));
}

/** One call in flight. A class, not closures per call: this is every command's hot path. */
class Pending {
  ack: Ack | undefined = undefined;
  /** Set when the caller gave a signal: removed again when the call settles. */
  onAbort: (() => void) | undefined = undefined;

  constructor(
    readonly msgid: string,
    readonly spec: CommandSpec,
    readonly settle: Settle,
    readonly operation: string,
    readonly timeoutMs: number,
    /** The time (on the deadline timer's `now`) past which the call times out; Infinity for none. */
    readonly deadline: number,
    readonly signal: AbortSignal | undefined,
    readonly resolve: (reply: CommandReply) => void,
    readonly reject: (error: PrintkitError) => void,
  ) {}
}

export class RequestTracker {
  readonly #pending = new Map<string, Pending>();
  /**
   * One timer for every call in flight (core-types), armed for the earliest deadline. `failAll`
   * (close, link loss) disarms it, so a closed client leaves no timer behind.
   */
  readonly #deadlines: DeadlineTimer;

  constructor(clock: Clock = systemClock) {
    this.#deadlines = new DeadlineTimer(() => this.#expire(), clock);
  }

  get size(): number {
    return this.#pending.size;
  }

  /**
   * Registers a call before its command is published (the answer can beat the publish callback).
   * No timer and no AbortController of its own (see `#deadlines`), and a listener on the caller's signal
   * only when there is one.
   */
  track(options: TrackOptions): Promise<CommandReply> {
    const { spec, msgid, settle, timeoutMs, signal } = options;
    const operation = options.operation ?? `${spec.type}/${spec.action}`;
    if (signal?.aborted) return Promise.reject(abortReason(signal, operation));
    // 0 or Infinity: no timeout (as `RequestOptions` says).
    const deadline =
      timeoutMs > 0 && Number.isFinite(timeoutMs)
        ? this.#deadlines.now() + timeoutMs
        : Number.POSITIVE_INFINITY;
    return new Promise<CommandReply>((resolve, reject) => {
      const entry = new Pending(msgid, spec, settle, operation, timeoutMs, deadline, signal, resolve, reject);
      this.#pending.set(msgid, entry);
      if (deadline !== Number.POSITIVE_INFINITY) this.#deadlines.arm(deadline);
      if (signal) {
        entry.onAbort = () => this.#reject(entry, abortReason(signal, operation));
        signal.addEventListener('abort', entry.onAbort, { once: true });
      }
    });
  }

  /** Rejects one call (e.g. its publish failed). */
  fail(msgid: string, error: PrintkitError): void {
    const entry = this.#pending.get(msgid);
    if (entry) this.#reject(entry, error);
  }

  handleAck(ack: Ack): void {
    const entry = this.#pending.get(ack.msgid);
    if (!entry) return;
    if (!isOkCode(ack.code ?? undefined)) {
      this.#reject(entry, firmwareRejection(entry.operation, ack.code ?? undefined, ack.msg ?? undefined));
      return;
    }
    entry.ack = ack;
    if (entry.settle === 'ack') this.#resolve(entry, { msgid: ack.msgid, report: undefined, ack });
  }

  handleReport(report: AnyReport): void {
    const byId = report.msgid === undefined ? undefined : this.#pending.get(report.msgid);
    if (byId) {
      this.#settle(byId, report);
      return;
    }
    if (this.#pending.size === 0) return;
    for (const entry of [...this.#pending.values()]) {
      if (answers(entry.spec, report)) this.#settle(entry, report);
    }
  }

  /** Rejects every pending call, e.g. with a `ConnectionError` when the connection closes. */
  failAll(makeError: (operation: string) => PrintkitError): void {
    for (const entry of [...this.#pending.values()]) this.#reject(entry, makeError(entry.operation));
    this.#deadlines.disarm();
  }

  #settle(entry: Pending, report: AnyReport): void {
    if (!isOkCode(report.code))
      this.#reject(entry, firmwareRejection(entry.operation, report.code, report.msg));
    else this.#resolve(entry, { msgid: entry.msgid, report, ack: entry.ack });
  }

  #resolve(entry: Pending, reply: CommandReply): void {
    this.#forget(entry);
    entry.resolve(reply);
  }

  #reject(entry: Pending, error: PrintkitError): void {
    this.#forget(entry);
    entry.reject(error);
  }

  #forget(entry: Pending): void {
    this.#pending.delete(entry.msgid);
    if (entry.onAbort) entry.signal?.removeEventListener('abort', entry.onAbort);
  }

  /** Times out every call past its deadline, then arms for the next deadline, if any. */
  #expire(): void {
    const now = this.#deadlines.now();
    let next = Number.POSITIVE_INFINITY;
    for (const entry of [...this.#pending.values()]) {
      if (entry.deadline <= now) this.#reject(entry, timeoutError(entry));
      else if (entry.deadline < next) next = entry.deadline;
    }
    if (next !== Number.POSITIVE_INFINITY) this.#deadlines.arm(next);
  }
}

function timeoutError({ ack, operation, timeoutMs }: Pending): TimeoutError {
  const message = ack
    ? `${operation}: the printer acknowledged the command but sent no answer within ${timeoutMs} ms`
    : `${operation} timed out after ${timeoutMs} ms`;
  return new TimeoutError(message, { timeoutMs, operation });
}

export function closedError(operation?: string): ConnectionError {
  return new ConnectionError(
    'The connection to the printer closed before the command was answered',
    operation === undefined ? {} : { operation },
  );
}
