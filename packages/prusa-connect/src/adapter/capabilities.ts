/**
 * What a Connect printer can do, declared from its `supported-commands` (fetched on connect), its
 * detail (`allowed_functionalities`, team) and whether it has a camera — never discovered by trying.
 */
import type { Capability } from '@printkit/core-types';
import type { KnownCommandName, Printer as PrinterDetail, SupportedCommands } from '../protocol/wire.js';

/** Which supported command gives which capability. */
const COMMAND_CAPABILITIES: ReadonlyArray<[KnownCommandName | 'SET_CHAMBER_LED_INTENSITY', Capability]> = [
  ['START_PRINT', 'print.start'],
  ['PAUSE_PRINT', 'print.pause'],
  ['RESUME_PRINT', 'print.resume'],
  ['STOP_PRINT', 'print.cancel'],
  ['SET_NOZZLE_TEMPERATURE', 'temperature.nozzle'],
  ['SET_HEATBED_TEMPERATURE', 'temperature.bed'],
  ['SET_SPEED', 'speed'],
  ['CANCEL_OBJECT', 'cancel-object'],
  ['SEND_GCODE', 'gcode'],
  ['SET_CHAMBER_LED_INTENSITY', 'light'],
];

/** Capabilities a printer offers given its supported-commands, detail, cameras and team. */
export function capabilitiesOf(
  supported: SupportedCommands,
  detail: PrinterDetail,
  hasCamera: boolean,
  teamId: number | undefined,
): Capability[] {
  const names = new Set(supported.commands.map((c) => c.command));
  const capabilities = COMMAND_CAPABILITIES.filter(([name]) => names.has(name)).map(([, cap]) => cap);
  const functionalities = detail.allowed_functionalities;
  if (!functionalities || functionalities.includes('files')) capabilities.push('files.list');
  if (teamId !== undefined && names.has('START_PRINT')) capabilities.push('files.upload');
  if (hasCamera) capabilities.push('camera');
  return capabilities;
}
