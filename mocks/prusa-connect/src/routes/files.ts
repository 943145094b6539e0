/**
 * Printer files (`?path&limit&offset`, with a conditional GET answering 304 as the seed saw),
 * `DELETE files` with `{"files":[paths]}`, and storages. Every sim file lives on one USB storage.
 */
import { createHash } from 'node:crypto';
import type { SimFile } from '@printkit/printer-sim';
import { type HttpHandler, HttpResponse } from 'msw';
import { isNotModified, notModifiedResponse, validatorHeaders } from '../conditional.js';
import { badRequest, notFound } from '../connect-error.js';
import { hashSimFile } from '../file-hash.js';
import { fileTimeFields } from '../file-time.js';
import { paginate, readPaging } from '../pager.js';
import { definePrinterRoute, readJsonObject } from '../route.js';
import type { FileTimeField, MockWorld } from '../state.js';
import { displayNameOf, pathOfSimFile, STORAGE_ROOT, simFileNameOf } from '../storage-path.js';

const STORAGE_TOTAL_BYTES = 32 * 1024 ** 3;

export function filePayload(file: SimFile, timeField: FileTimeField): Record<string, unknown> {
  return {
    type: 'PRINT_FILE',
    name: displayNameOf(file.name),
    display_name: displayNameOf(file.name),
    path: pathOfSimFile(file.name),
    size: file.sizeBytes,
    ...fileTimeFields(timeField, Math.floor(file.addedAt / 1000)),
    hash: hashSimFile(file),
    read_only: false,
    meta: { estimated_print_time: file.estimatedSeconds, layers: file.layers },
  };
}

export function fileRoutes(world: MockWorld): HttpHandler[] {
  return [
    definePrinterRoute(world, 'get', '/app/printers/:uuid/files', ({ url, request, printer }) => {
      const paging = readPaging(url, 20);
      if (paging instanceof Response) return paging;
      const folder = (url.searchParams.get('path') ?? STORAGE_ROOT).replace(/\/+$/, '');
      if (folder !== STORAGE_ROOT && simFileNameOf(folder) === undefined) {
        return notFound('NOT_FOUND_STORAGE', 'Storage not found');
      }
      const files = printer.sim
        .listFiles()
        .filter((f) => pathOfSimFile(f.name).startsWith(`${folder}/`))
        .sort((a, b) => a.name.localeCompare(b.name));
      const page = paginate(
        files.map((file) => filePayload(file, world.fileTimeField)),
        paging,
      );
      const body = JSON.stringify({ files: page.items, pager: page.pager });
      const validators = {
        etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`,
        lastModifiedMs: Math.max(0, ...files.map((f) => f.addedAt)),
      };
      if (isNotModified(request, validators)) return notModifiedResponse(validators);
      return new Response(body, {
        headers: { 'Content-Type': 'application/json', ...validatorHeaders(validators) },
      });
    }),
    definePrinterRoute(world, 'delete', '/app/printers/:uuid/files', async ({ request, printer }) => {
      const body = await readJsonObject(request);
      if (body instanceof Response) return body;
      const { files } = body;
      if (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === 'string')) {
        return badRequest('Field "files" must be a non-empty list of paths');
      }
      const names = files.map((path) => simFileNameOf(path));
      if (names.some((name) => name === undefined || !printer.sim.getFile(name))) {
        return notFound('NOT_FOUND_FILE', 'File not found');
      }
      for (const name of names) if (name !== undefined) printer.sim.removeFile(name);
      return new Response(null, { status: 204 });
    }),
    definePrinterRoute(world, 'get', '/app/printers/:uuid/storages', ({ printer }) => {
      const files = printer.sim.listFiles();
      const used = files.reduce((sum, f) => sum + f.sizeBytes, 0);
      return HttpResponse.json({
        storages: [
          {
            type: 'USB',
            path: STORAGE_ROOT,
            mountpoint: STORAGE_ROOT,
            name: 'usb',
            read_only: false,
            file_count: files.length,
            free_space: Math.max(0, STORAGE_TOTAL_BYTES - used),
            total_space: STORAGE_TOTAL_BYTES,
          },
        ],
      });
    }),
  ];
}
