/** What a command handler gets: the printer's state, the command and a way to answer it. */
import type { ReportContext } from '../reports/context.js';
import type { CommandMessage } from '../wire.js';

export interface ReplyOptions {
  /** The report's `action`; default the command's own action. */
  action?: string;
  code?: number;
  msg?: string;
}

export interface CommandContext {
  readonly printer: ReportContext;
  readonly command: CommandMessage;
  /** Publishes a report of the command's `type` carrying the command's `msgid`. */
  reply(state: string, data: unknown, options?: ReplyOptions): void;
  /** A refusal: state `failed`, the given code and message, `data: null`. */
  fail(code: number, msg: string): void;
  /** A report of the command's `type` the printer pushes on its own (a fresh msgid), e.g. ACE updates. */
  push(action: string, state: string, data: unknown): void;
}

export type CommandHandler = (ctx: CommandContext) => void;
