/**
 * The fake's `printer.cfg` (config root), written from the same sections Klipper's `configfile`
 * object reports, so what a UI's config editor shows is what the printer runs with; plus the
 * output pins configured. Section and option names are Klipper's (docs/Config_Reference.md).
 */
import { configfile } from './objects.js';
import type { OutputPinConfig } from './output-pins.js';

export function printerCfg(hasChamber: boolean, outputPins: readonly OutputPinConfig[]): string {
  const sections = (configfile(hasChamber) as { config: Record<string, Record<string, string>> }).config;
  const lines = ['# printer.cfg of a printkit fake Klipper printer (Moonraker mock)', ''];
  for (const [section, options] of Object.entries(sections)) {
    lines.push(`[${section}]`);
    for (const [key, value] of Object.entries(options)) lines.push(`${key}: ${value}`);
    lines.push('');
  }
  for (const pin of outputPins) {
    lines.push(`[output_pin ${pin.name}]`, `pin: PB${lines.length % 8}`);
    if (pin.pwm) lines.push('pwm: True');
    lines.push(`value: ${pin.initial}`, '');
  }
  return lines.join('\n');
}

export function moonrakerConf(port: number): string {
  return [
    '[server]',
    'host: 0.0.0.0',
    `port: ${port}`,
    'klippy_uds_address: ~/printer_data/comms/klippy.sock',
    '',
    '[history]',
    '',
    '[webcam printkit]',
    'stream_url: /webcam/?action=stream',
    'snapshot_url: /webcam/?action=snapshot',
    '',
  ].join('\n');
}
