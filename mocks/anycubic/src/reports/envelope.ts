/** The report envelope every builder's `data` goes into. */
import type { ReportMessage } from '../wire.js';

export interface ReportFields {
  type: string;
  action: string;
  state: string;
  data: unknown;
  msgid: string;
  timestamp: number;
  code?: number | undefined;
  msg?: string | undefined;
}

/** Key order follows the seed's info report, so payloads read like the captures. */
export function buildReport(fields: ReportFields): ReportMessage {
  const code = fields.code ?? 200;
  return {
    type: fields.type,
    action: fields.action,
    timestamp: fields.timestamp,
    msgid: fields.msgid,
    state: fields.state,
    code,
    msg: fields.msg ?? (code === 200 ? 'done' : 'failed'),
    data: fields.data,
  };
}
