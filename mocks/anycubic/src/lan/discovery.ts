/**
 * `GET :18910/info`, the LAN-mode discovery document (protocol notes, "LAN mode on stock firmware",
 * step 1; field list from Nino6689/anycubic-lan docs/PROTOCOL.md §2, captured on a Kobra S1 fw 2.7.2.7,
 * and TigerTag-Project/TigerTag-Studio-Manager renderer/printers/anycubic/PROTOCOL.md §3, a Kobra 3 V2).
 */

export interface DiscoveryInput {
  readonly lanMode: boolean;
  readonly token: string;
  readonly ctrlInfoUrl: string;
  readonly modelId: number;
  /** The S1 (fw 2.7.2.7) and the Kobra 3 V2 send `"modelId": "20025"`; others an integer. */
  readonly modelIdAsString: boolean;
  readonly modelName: string;
  readonly deviceName: string;
  readonly serial: string;
  readonly mac: string;
  readonly ip: string;
  /** Absent on the Kobra X, which names its `/live/<token>` stream only in the MQTT info report. */
  readonly rtspUrl: string | undefined;
  readonly fileUploadurl: string;
}

export function discoveryDocument(input: DiscoveryInput): Record<string, unknown> {
  return {
    deviceType: 'fdm',
    modelId: input.modelIdAsString ? String(input.modelId) : input.modelId,
    modelName: input.modelName,
    cn: input.serial,
    ctrlType: input.lanMode ? 'lan' : 'cloud',
    ip: input.ip,
    deviceName: input.deviceName,
    usn: `uuid:fdm:${input.mac}`,
    zone: 'global',
    env: 'prod',
    token: input.token,
    ctrlInfoUrl: input.ctrlInfoUrl,
    ...(input.rtspUrl === undefined ? {} : { rtspUrl: input.rtspUrl }),
    fileUploadurl: input.fileUploadurl,
  };
}

/** `A4-E8-8D-xx-xx-xx`: the Anycubic MAC prefix the notes give ("DHCP discovery"). */
export function anycubicMac(hex6: string): string {
  const tail = hex6.toUpperCase().match(/../g) ?? [];
  return ['A4', 'E8', '8D', ...tail.slice(0, 3)].join('-');
}

/** A serial shaped like the Kobra 3 V2 capture's `cn` (`9B20-B268-EEDF-8A5C`). */
export function serialFrom(hex16: string): string {
  return (hex16.toUpperCase().match(/..../g) ?? []).join('-');
}
