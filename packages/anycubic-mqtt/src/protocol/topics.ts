/**
 * The one place MQTT topic strings are built and parsed. Three roots, from the seed:
 * - `slicer` and `web`: commands, `anycubic/anycubicCloud/v1/<root>/printer/<modelId>/<deviceId>/<type>`
 * - `printer/public`: what the printer says, `.../printer/public/<modelId>/<deviceId>/<type>/report`
 *   and the ack topic `.../printer/public/<modelId>/<deviceId>/response`.
 */

import { InvalidArgumentError } from '@printkit/core-types';

export const TOPIC_PREFIX = 'anycubic/anycubicCloud/v1';

/** The command roots; the printer answers on both. */
export type CommandRoot = 'slicer' | 'web';
export type TopicRoot = CommandRoot | 'printer/public';

export interface PrinterAddress {
  modelId: number;
  deviceId: string;
}

export type ParsedTopic =
  | { kind: 'report'; type: string }
  | { kind: 'response' }
  /** Under the printer's public root but neither a report nor the ack topic (e.g. a bare status topic). */
  | { kind: 'other'; rest: string }
  | { kind: 'foreign' };

export interface Topics {
  readonly address: Readonly<PrinterAddress>;
  /** Where a command of `type` is published. */
  command(root: CommandRoot, type: string): string;
  /** Where the printer publishes reports of `type`. */
  report(type: string): string;
  /** Where the printer acknowledges every message it received (`{ msgid }`). */
  readonly response: string;
  /** Topic filters a client subscribes to: every report, the acks, status and lastWill. */
  readonly subscriptions: readonly string[];
  parse(topic: string): ParsedTopic;
}

/** `<prefix>/<slicer|web>/printer/<model>/<device>` or `<prefix>/printer/public/<model>/<device>`. */
function base(root: TopicRoot, { modelId, deviceId }: PrinterAddress): string {
  const scope = root === 'printer/public' ? root : `${root}/printer`;
  return `${TOPIC_PREFIX}/${scope}/${modelId}/${deviceId}`;
}

/** Builds every topic of one printer. Throws `InvalidArgumentError` for an id that would break a topic. */
export function createTopics(address: PrinterAddress): Topics {
  if (!Number.isInteger(address.modelId) || address.modelId <= 0) {
    throw new InvalidArgumentError(`modelId must be a positive integer, got ${String(address.modelId)}`, {
      argument: 'modelId',
    });
  }
  if (!address.deviceId || /[/+#]/.test(address.deviceId)) {
    throw new InvalidArgumentError('deviceId must be a non-empty string without "/", "+" or "#"', {
      argument: 'deviceId',
    });
  }
  const publicBase = base('printer/public', address);
  const publicPrefix = `${publicBase}/`;
  const response = `${publicBase}/response`;
  return {
    address: Object.freeze({ ...address }),
    command: (root, type) => `${base(root, address)}/${type}`,
    report: (type) => `${publicBase}/${type}/report`,
    response,
    // One wildcard under the printer's own public root: reports of every type, the ack topic, and
    // status/lastWill wherever a firmware puts them. Other printers on the broker stay out.
    subscriptions: [`${publicBase}/#`],
    parse(topic) {
      if (!topic.startsWith(publicPrefix)) return { kind: 'foreign' };
      const rest = topic.slice(publicPrefix.length);
      if (rest === 'response') return { kind: 'response' };
      const slash = rest.indexOf('/');
      if (slash > 0 && rest.slice(slash + 1) === 'report')
        return { kind: 'report', type: rest.slice(0, slash) };
      return { kind: 'other', rest };
    },
  };
}
