/**
 * `GET /app/printers/{uuid}/transfers?limit&offset` — files Connect sent on to this printer: every
 * two-step upload that named the printer (`printer_uuid`), newest first.
 *
 * Inferred: the protocol notes name only the endpoint. What is sourced: transfers have ids that events
 * carry as `transfer_id` (the seed's events capture) and an `origin_id` (the `transfer.origin_id`
 * reference of SEND_TRANSFER_INFO in the captured supported-commands); the event names TRANSFER_*
 * (protocol notes). The wrapping key, the other fields and the state names (`TRANSFERRING` until the
 * bytes arrived, then `FINISHED` or `ABORTED`) are the mock's own.
 */
import { type HttpHandler, HttpResponse } from 'msw';
import { paginate, readPaging } from '../pager.js';
import { definePrinterRoute } from '../route.js';
import type { MockWorld, UploadRecord } from '../state.js';

export type TransferState = 'TRANSFERRING' | 'FINISHED' | 'ABORTED';

export function transferStateOf(upload: UploadRecord): TransferState {
  if (upload.state === 'FINISHED') return 'FINISHED';
  if (upload.state === 'ABORTED') return 'ABORTED';
  return 'TRANSFERRING';
}

function transferPayload(upload: UploadRecord & { transferId: number }): Record<string, unknown> {
  const state = transferStateOf(upload);
  const payload: Record<string, unknown> = {
    id: upload.transferId,
    origin_id: upload.transferId,
    type: 'FROM_CONNECT',
    state,
    path: upload.path,
    display_name: upload.name,
    size: upload.size,
    transferred: state === 'FINISHED' ? upload.size : 0,
    progress: state === 'FINISHED' ? 100 : 0,
    hash: upload.hash,
    team_id: upload.team_id,
    upload_id: upload.id,
    started: upload.created,
  };
  if (upload.ended !== undefined) payload.ended = upload.ended;
  return payload;
}

export function transferRoutes(world: MockWorld): HttpHandler[] {
  return [
    definePrinterRoute(world, 'get', '/app/printers/:uuid/transfers', ({ url, printer }) => {
      const paging = readPaging(url, 20);
      if (paging instanceof Response) return paging;
      const transfers = [...world.uploads.values()]
        .filter(
          (u): u is UploadRecord & { transferId: number } =>
            u.printerUuid === printer.uuid && u.transferId !== undefined,
        )
        .reverse();
      const page = paginate(transfers, paging);
      return HttpResponse.json({ transfers: page.items.map(transferPayload), pager: page.pager });
    }),
  ];
}
