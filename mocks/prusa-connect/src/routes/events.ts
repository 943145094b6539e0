/** `GET /app/printers/{uuid}/events?limit&offset&event=` — newest first, `event` repeatable. */
import { type HttpHandler, HttpResponse } from 'msw';
import { paginate, readPaging } from '../pager.js';
import type { EventRecord } from '../printer-record.js';
import { definePrinterRoute } from '../route.js';
import type { MockWorld } from '../state.js';

function eventPayload(event: EventRecord): Record<string, unknown> {
  const { id: _id, printerState: _printerState, ...wire } = event;
  return wire;
}

export function eventRoutes(world: MockWorld): HttpHandler[] {
  return [
    definePrinterRoute(world, 'get', '/app/printers/:uuid/events', ({ url, printer }) => {
      const paging = readPaging(url, 20);
      if (paging instanceof Response) return paging;
      const names = url.searchParams.getAll('event');
      const all = printer.events.filter((e) => names.length === 0 || names.includes(e.event)).reverse();
      const page = paginate(all, paging);
      const oldest = all.at(-1);
      return HttpResponse.json({
        events: page.items.map(eventPayload),
        pager: {
          ...page.pager,
          from: Math.floor(oldest?.created ?? world.nowSeconds()),
          to: world.nowSeconds(),
        },
      });
    }),
  ];
}
