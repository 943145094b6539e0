/**
 * The mock's own topic builder for the three gkapi roots. Every topic string the mock publishes or
 * subscribes to is built here, so a topic is spelled once (protocol notes, "Topics").
 */

const PREFIX = 'anycubic/anycubicCloud/v1';

/** Where commands come from: the slicer root (print start, file list) or the web root (the rest). */
export type CommandRoot = 'web' | 'slicer';

export const COMMAND_ROOTS: readonly CommandRoot[] = ['web', 'slicer'];

export interface PrinterAddress {
  readonly modelId: number;
  readonly deviceId: string;
}

/** `anycubic/anycubicCloud/v1/{web|slicer}/printer/<modelId>/<deviceId>/<type>` */
export function commandTopic(root: CommandRoot, printer: PrinterAddress, type: string): string {
  return `${PREFIX}/${root}/printer/${printer.modelId}/${printer.deviceId}/${type}`;
}

/**
 * Everything a printer listens to on one root. `#` also matches the bare device topic without a
 * `<type>` suffix (the seed's header names it that way), so the printer dispatches on the JSON `type`.
 */
export function commandSubscription(root: CommandRoot, printer: PrinterAddress): string {
  return `${PREFIX}/${root}/printer/${printer.modelId}/${printer.deviceId}/#`;
}

/** `anycubic/anycubicCloud/v1/printer/public/<modelId>/<deviceId>/<type>/report` */
export function reportTopic(printer: PrinterAddress, type: string): string {
  return `${PREFIX}/printer/public/${printer.modelId}/${printer.deviceId}/${type}/report`;
}

/** `anycubic/anycubicCloud/v1/printer/public/<modelId>/<deviceId>/response` — the `{msgid}` acks. */
export function responseTopic(printer: PrinterAddress): string {
  return `${PREFIX}/printer/public/${printer.modelId}/${printer.deviceId}/response`;
}

/** Everything a printer publishes (what a real client subscribes to). */
export function publicSubscription(printer: PrinterAddress): string {
  return `${PREFIX}/printer/public/${printer.modelId}/${printer.deviceId}/#`;
}

/** The command root and device a topic addresses, or undefined for any other topic. */
export function parseCommandTopic(
  topic: string,
): { root: CommandRoot; modelId: number; deviceId: string; type: string | undefined } | undefined {
  const parts = topic.split('/');
  if (parts.length < 7 || `${parts[0]}/${parts[1]}/${parts[2]}` !== PREFIX || parts[4] !== 'printer') {
    return undefined;
  }
  const root = parts[3];
  if (root !== 'web' && root !== 'slicer') return undefined;
  const modelId = Number(parts[5]);
  const deviceId = parts[6];
  if (!Number.isInteger(modelId) || !deviceId) return undefined;
  return { root, modelId, deviceId, type: parts[7] };
}
