/** `GET /app/printers` (`{printers, pager}`) and `GET /app/printers/{uuid}` (the detail). */
import { type HttpHandler, HttpResponse } from 'msw';
import { badRequest } from '../connect-error.js';
import { paginate, readPaging } from '../pager.js';
import { printerDetail, printerListItem } from '../payloads/printer.js';
import { definePrinterRoute, defineRoute } from '../route.js';
import type { MockWorld } from '../state.js';

export function printerRoutes(world: MockWorld): HttpHandler[] {
  return [
    defineRoute(world, 'get', '/app/printers', ({ url }) => {
      const paging = readPaging(url, 20);
      if (paging instanceof Response) return paging;
      const teamFilter = url.searchParams.get('team_id');
      if (teamFilter !== null && !/^\d+$/.test(teamFilter))
        return badRequest('Invalid query parameter: team_id');
      const printers = teamFilter === null || Number(teamFilter) === world.teamId ? world.printers : [];
      const page = paginate(printers, paging);
      return HttpResponse.json({
        printers: page.items.map((p) => printerListItem(world, p)),
        pager: page.pager,
      });
    }),
    definePrinterRoute(world, 'get', '/app/printers/:uuid', ({ printer }) =>
      HttpResponse.json(printerDetail(world, printer)),
    ),
  ];
}
