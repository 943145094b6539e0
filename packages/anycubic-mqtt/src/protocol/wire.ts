/**
 * Wire payload types, in wire names and wire units (`tempature` and `stoped` sic, `print_time` in
 * minutes, `progress` 0–100). The payload types are inferred from the internal schemas, so the type
 * and the check can never disagree; the report envelope types are written by hand around them.
 */
import type * as z from 'zod/mini';
import type {
  aceBoxSchema,
  aceSlotSchema,
  ackSchema,
  aiSettingsDataSchema,
  axisDataSchema,
  ctrlAnswerSchema,
  envelopeSchema,
  extfilboxDataSchema,
  fanDataSchema,
  fileDataSchema,
  fileRecordSchema,
  infoDataSchema,
  lanCredentialsSchema,
  lanInfoSchema,
  lightReportSchema,
  lightSchema,
  multiColorBoxDataSchema,
  noDataSchema,
  peripherieDataSchema,
  printDataSchema,
  printSettingsSchema,
  projectSchema,
  temperatureSchema,
  videoDataSchema,
} from './schemas.js';
import type { REPORT_STATES } from './table.js';

export type Envelope = z.infer<typeof envelopeSchema>;
export type Ack = z.infer<typeof ackSchema>;
export type TemperatureData = z.infer<typeof temperatureSchema>;
export type PrintSettingsData = z.infer<typeof printSettingsSchema>;
export type ProjectData = z.infer<typeof projectSchema>;
export type InfoData = z.infer<typeof infoDataSchema>;
export type PrintData = z.infer<typeof printDataSchema>;
export type FanData = z.infer<typeof fanDataSchema>;
export type LightData = z.infer<typeof lightSchema>;
export type LightReportData = z.infer<typeof lightReportSchema>;
export type VideoData = z.infer<typeof videoDataSchema>;
export type FileRecord = z.infer<typeof fileRecordSchema>;
export type FileData = z.infer<typeof fileDataSchema>;
export type PeripherieData = z.infer<typeof peripherieDataSchema>;
export type AceSlot = z.infer<typeof aceSlotSchema>;
export type AceBox = z.infer<typeof aceBoxSchema>;
export type MultiColorBoxData = z.infer<typeof multiColorBoxDataSchema>;
export type AxisData = z.infer<typeof axisDataSchema>;
export type AiSettingsData = z.infer<typeof aiSettingsDataSchema>;
export type ExtfilboxData = z.infer<typeof extfilboxDataSchema>;
type NoData = z.infer<typeof noDataSchema>;
/** LAN mode `/info` as the printer serves it (secrets: `token`, `fileUploadurl`). */
export type LanInfoDocument = z.infer<typeof lanInfoSchema>;
/** The answer of the signed `/ctrl` request. */
export type CtrlAnswer = z.infer<typeof ctrlAnswerSchema>;
/** The decrypted `/ctrl` credentials (secret: `password`). */
export type LanCredentialsData = z.infer<typeof lanCredentialsSchema>;

export type ReportType = keyof typeof REPORT_STATES;
export type ReportState<T extends ReportType> = (typeof REPORT_STATES)[T][number];

/** The `data` each report type carries. */
export interface ReportDataMap {
  info: InfoData;
  print: PrintData;
  status: NoData;
  lastWill: NoData;
  tempature: TemperatureData;
  fan: FanData;
  light: LightReportData;
  video: VideoData;
  file: FileData;
  peripherie: PeripherieData;
  multiColorBox: MultiColorBoxData;
  axis: AxisData;
  aiSettings: AiSettingsData;
  extfilbox: ExtfilboxData;
}

export interface Report<T extends ReportType = ReportType> {
  type: T;
  /** Varies by firmware (query/report/refresh/workReport/start/pause/...). */
  action: string;
  state: ReportState<T> | 'unknown';
  /** The state as sent, also when it is known. */
  rawState: string | undefined;
  /** 200 = OK; anything else is a firmware error code (e.g. 10101). */
  code: number | string | undefined;
  msg: string | undefined;
  msgid: string | undefined;
  /** The printer's own timestamp (ms; on some firmware ms since boot). */
  timestamp: number | undefined;
  /** `null` when the printer sent none (status, lastWill, some acks). */
  data: ReportDataMap[T] | null;
  topic: string;
}

/** A report of any known type, narrowed by `report.type`. */
export type AnyReport = { [T in ReportType]: Report<T> }[ReportType];

/** Something on the printer's topics this client does not understand; passed on as is. */
export interface RawMessage {
  topic: string;
  reason: 'unknown-type' | 'unknown-state' | 'unknown-topic';
  envelope: Envelope;
}
