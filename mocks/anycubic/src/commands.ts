/**
 * The `(type, action) → handler` table: every command in the seed and the protocol notes. Adding a
 * command is one entry here. Commands not in the table (including `multiColorBox/query`, which the
 * notes say "gets nothing") are acknowledged on the response topic and otherwise ignored: the notes
 * do not say what the firmware answers to an unknown command.
 */
import type { CommandHandler } from './handlers/context.js';
import { fileHandlers } from './handlers/files.js';
import {
  aiSettingsHandlers,
  axisHandlers,
  extfilboxHandlers,
  fanHandlers,
  infoHandlers,
  lightHandlers,
  peripherieHandlers,
  temperatureHandlers,
  videoHandlers,
} from './handlers/machine.js';
import { multiColorBoxHandlers } from './handlers/multi-color-box.js';
import { printHandlers } from './handlers/print.js';

export const COMMAND_HANDLERS: Readonly<Record<string, Readonly<Record<string, CommandHandler>>>> = {
  info: infoHandlers,
  print: printHandlers,
  tempature: temperatureHandlers,
  fan: fanHandlers,
  light: lightHandlers,
  video: videoHandlers,
  axis: axisHandlers,
  file: fileHandlers,
  peripherie: peripherieHandlers,
  multiColorBox: multiColorBoxHandlers,
  aiSettings: aiSettingsHandlers,
  extfilbox: extfilboxHandlers,
};

export function findCommandHandler(type: string, action: string): CommandHandler | undefined {
  const actions = Object.hasOwn(COMMAND_HANDLERS, type) ? COMMAND_HANDLERS[type] : undefined;
  return actions && Object.hasOwn(actions, action) ? actions[action] : undefined;
}

/** Every `type/action` the mock answers, e.g. for docs and tests. */
export function commandOperations(): string[] {
  return Object.entries(COMMAND_HANDLERS).flatMap(([type, actions]) =>
    Object.keys(actions).map((action) => `${type}/${action}`),
  );
}
