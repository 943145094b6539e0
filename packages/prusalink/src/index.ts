/**
 * The public surface of @printkit/prusalink: the client, the printer adapter, their options, the
 * vendor errors and the wire types most apps touch. Every other wire type is in the
 * `@printkit/prusalink/protocol` subpath.
 */
export {
  createPrusaLinkPrinter,
  type PrusaLinkPrinter,
  type PrusaLinkPrinterOptions,
} from './adapter/printer.js';
export type { LegacyProgressScale } from './adapter/status.js';
export { createPrusaLinkClient, type PrusaLinkClient, type RequestArgs } from './client/client.js';
export type { PrusaLinkClientOptions } from './client/options.js';
export { PrusaLinkAuthError, PrusaLinkRejectedError } from './protocol/errors.js';
export type {
  DeleteInput,
  EndpointInput,
  EndpointName,
  EndpointResult,
  FileRef,
  JobRef,
  UploadInput,
} from './protocol/table.js';
export type { Dialect, FileInfo, Info, Job, Snapshot, Status, Transfer, Version } from './protocol/wire.js';
export { createFetchTransport, type FetchFunction } from './transport/fetch.js';
export type { CallOptions } from './transport/request.js';
export { VERSION } from './version.js';
