/**
 * Typed events of a `MoonrakerClient`. Notifications keep their wire names; each one's params are
 * checked (`protocol/decode.ts`), and a notification that fails the check becomes an `error` event
 * (the connection carries on). Every notification, known or not, also reaches the generic
 * `notification` listener. Notification names are wire data: they are compared, never used to index
 * an object, so `constructor` or `__proto__` is just a name nobody listens to.
 */
import type { PrintkitError } from '@printkit/core-types';
import { ProtocolError } from '@printkit/core-types';
import { decodeNotification, hasTypedParams } from '../protocol/decode.js';
import { isStatusDiff } from '../protocol/schemas.js';
import type {
  FilelistChanged,
  HistoryChanged,
  JobQueueChanged,
  KlipperStatus,
  ProcStat,
  StatusDiff,
} from '../protocol/wire.js';

export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** Klippy's state as Moonraker reports it; `unknown` before the first `server.info`. */
export type KlippyState = 'unknown' | 'disconnected' | 'startup' | 'ready' | 'error' | 'shutdown';

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
  /** The merged status after a change, and what changed (see `client/state.ts`). */
  status: [status: KlipperStatus, diff: StatusDiff];
  /** The link to Moonraker. */
  connection: [state: ConnectionState, previous: ConnectionState];
  /** Klippy's state changed (from `server.info`, `webhooks` or a `notify_klippy_*`). */
  klippy: [state: KlippyState, previous: KlippyState];
  /** Trouble outside any call: a malformed frame, a failed re-subscribe, refused credentials on reconnect. */
  error: [error: PrintkitError];
}

export interface NotificationSink {
  emit<E extends keyof MoonrakerEvents>(event: E, ...args: MoonrakerEvents[E]): unknown;
  /** A valid status diff (the hot path; the store merges and emits `status`). */
  statusUpdate(diff: StatusDiff, eventtime: number | undefined): void;
}

const PARAMLESS: ReadonlySet<string> = new Set([
  'notify_klippy_ready',
  'notify_klippy_shutdown',
  'notify_klippy_disconnected',
]);

/** Checks one notification and emits its typed event (or an `error` event). */
export function dispatchNotification(sink: NotificationSink, method: string, params: unknown): void {
  if (method === 'notify_status_update') {
    if (!isStatusDiff(params)) {
      sink.emit('error', new ProtocolError(`${method}: expected [diff, eventtime]`, { payload: params }));
      return;
    }
    const eventtime = params[1];
    sink.emit('notification', method, params);
    sink.emit('notify_status_update', params[0], eventtime);
    sink.statusUpdate(params[0], eventtime);
    return;
  }
  const decoded = decodeNotification(method, params);
  if (!decoded.ok) {
    // Params that are not even an array: the generic listener would get a lie, so only the error.
    if (!Array.isArray(params) && params !== undefined) {
      sink.emit('error', decoded.error);
      return;
    }
    sink.emit('notification', method, params ?? []);
    sink.emit('error', decoded.error);
    return;
  }
  sink.emit('notification', method, decoded.value.list);
  if (PARAMLESS.has(method)) {
    sink.emit(method as 'notify_klippy_ready');
    return;
  }
  if (!hasTypedParams(method)) return;
  // The decode table pairs each typed notification with its event's param type.
  (sink.emit as (event: string, arg: unknown) => void)(method, decoded.value.first);
}
