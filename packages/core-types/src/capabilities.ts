/**
 * Capabilities are declared by each adapter, never discovered by trial: calling a method whose
 * capability is not in `printer.capabilities` rejects with an `UnsupportedError`.
 */
export const CAPABILITIES = [
  'print.start',
  'print.pause',
  'print.resume',
  'print.cancel',
  'temperature.nozzle',
  'temperature.bed',
  'temperature.chamber',
  'files.list',
  'files.upload',
  'gcode',
  'light',
  'camera',
  'speed',
  'fan',
  'emergency-stop',
  'cancel-object',
] as const;

export type Capability = (typeof CAPABILITIES)[number];

export function isCapability(value: unknown): value is Capability {
  return typeof value === 'string' && (CAPABILITIES as readonly string[]).includes(value);
}
