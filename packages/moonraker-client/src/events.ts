/**
 * Typed events of a `MoonrakerClient`. Notifications keep their wire names; each one's params are
 * validated here, and a notification that fails validation becomes an `error` event (the connection
 * carries on). Every notification, known or not, also reaches the generic `notification` listener.
 */
import type { PrintkitError } from '@printkit/core-types';
import { ProtocolError } from '@printkit/core-types';
import type * as z from 'zod/mini';
import { describeIssue } from './describe-issue.js';
import type { KlipperStatus } from './objects.js';
import {
  FilelistChangedParams,
  GcodeResponseParams,
  HistoryChangedParams,
  isStatusDiff,
  JobQueueChangedParams,
  ProcStatParams,
} from './schemas.js';
import type { StatusDiff } from './status-store.js';

export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** Klippy's state as Moonraker reports it; `unknown` before the first `server.info`. */
export type KlippyState = 'unknown' | 'disconnected' | 'startup' | 'ready' | 'error' | 'shutdown';

export type ProcStat = z.output<typeof ProcStatParams>[0];
export type HistoryChanged = z.output<typeof HistoryChangedParams>[0];
export type FilelistChanged = z.output<typeof FilelistChangedParams>[0];
export type JobQueueChanged = z.output<typeof JobQueueChangedParams>[0];

export interface MoonrakerEvents {
  /** A raw diff as it arrived: `[diff, eventtime]`. */
  notify_status_update: [diff: StatusDiff, eventtime: number | undefined];
  /** One line (or block) of G-code console output, e.g. `// Unknown command:"X"` or `!! Must home axis first`. */
  notify_gcode_response: [line: string];
  notify_klippy_ready: [];
  notify_klippy_shutdown: [];
  notify_klippy_disconnected: [];
  /** Moonraker's process stats, every second: the client's liveness signal. */
  notify_proc_stat_update: [stats: ProcStat];
  notify_history_changed: [change: HistoryChanged];
  notify_filelist_changed: [change: FilelistChanged];
  notify_job_queue_changed: [change: JobQueueChanged];
  /** Every notification, including ones this client has no type for. */
  notification: [method: string, params: unknown[]];
  /** The merged status after a change, and what changed (see `StatusStore`). */
  status: [status: KlipperStatus, diff: StatusDiff];
  /** The link to Moonraker. */
  connection: [state: ConnectionState, previous: ConnectionState];
  /** Klippy's state changed (from `server.info`, `webhooks` or a `notify_klippy_*`). */
  klippy: [state: KlippyState, previous: KlippyState];
  /** Trouble outside any call: a malformed frame, a failed re-subscribe, refused credentials on reconnect. */
  error: [error: PrintkitError];
}

type TypedNotification =
  | 'notify_gcode_response'
  | 'notify_proc_stat_update'
  | 'notify_history_changed'
  | 'notify_filelist_changed'
  | 'notify_job_queue_changed';

/** The typed notifications with params, and their schemas; tsc checks each against its event. */
const NOTIFICATION_SCHEMAS: {
  [K in TypedNotification]: z.ZodMiniType<[MoonrakerEvents[K][0], ...unknown[]]>;
} = {
  notify_gcode_response: GcodeResponseParams,
  notify_proc_stat_update: ProcStatParams,
  notify_history_changed: HistoryChangedParams,
  notify_filelist_changed: FilelistChangedParams,
  notify_job_queue_changed: JobQueueChangedParams,
};

const PARAMLESS = new Set(['notify_klippy_ready', 'notify_klippy_shutdown', 'notify_klippy_disconnected']);

export interface NotificationSink {
  emit<E extends keyof MoonrakerEvents>(event: E, ...args: MoonrakerEvents[E]): unknown;
  /** A valid status diff (the hot path; the store merges and emits `status`). */
  statusUpdate(diff: StatusDiff, eventtime: number | undefined): void;
}

/** Validates one notification and emits its typed event (or an `error` event). */
export function dispatchNotification(sink: NotificationSink, method: string, params: unknown): void {
  const list = Array.isArray(params) ? params : params === undefined ? [] : undefined;
  if (list === undefined) {
    sink.emit(
      'error',
      new ProtocolError(`${method}: notification params must be an array`, { payload: params }),
    );
    return;
  }
  if (method === 'notify_status_update') {
    if (!isStatusDiff(list)) {
      sink.emit('error', new ProtocolError(`${method}: expected [diff, eventtime]`, { payload: params }));
      return;
    }
    const eventtime = list[1];
    sink.emit('notification', method, list);
    sink.emit('notify_status_update', list[0], eventtime);
    sink.statusUpdate(list[0], eventtime);
    return;
  }
  sink.emit('notification', method, list);
  if (PARAMLESS.has(method)) {
    sink.emit(method as 'notify_klippy_ready');
    return;
  }
  if (!(method in NOTIFICATION_SCHEMAS)) return;
  const name = method as TypedNotification;
  const parsed = NOTIFICATION_SCHEMAS[name].safeParse(list);
  if (!parsed.success) {
    sink.emit(
      'error',
      new ProtocolError(`${method}: unexpected params (${describeIssue(parsed.error)})`, { payload: params }),
    );
    return;
  }
  // The schema table pairs each notification with the type of its event, so the parsed first
  // param is exactly what that event's listeners take.
  (sink.emit as (event: TypedNotification, arg: unknown) => void)(name, parsed.data[0]);
}
