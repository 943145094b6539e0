/**
 * The public surface of @printkit/prusa-connect: the client, the printer adapter, their options, the
 * vendor errors and the wire types most apps touch. Every other wire type (queries, bodies, replies of
 * each endpoint) is in the `@printkit/prusa-connect/protocol` subpath.
 */
export {
  createPrusaConnectPrinter,
  type PrusaConnectPrinter,
  type PrusaConnectPrinterOptions,
} from './adapter/printer.js';
export {
  type CommandOptions,
  createPrusaConnectClient,
  type PrusaConnectClient,
  type SnapshotOptions,
} from './client/client.js';
export { DEFAULT_BASE_URL, type PrusaConnectClientOptions } from './client/options.js';
export type { PollIntervals } from './client/session.js';
export type { CommandValidationOptions } from './protocol/command-validation.js';
export { CommandValidationError, ConnectAuthError, ConnectRejectedError } from './protocol/errors.js';
export type { BinaryReply, EndpointInput, EndpointName, EndpointResult } from './protocol/table.js';
export type {
  CommandKwargs,
  CommandSyncReply,
  Job,
  KnownCommandName,
  Printer as PrinterDetail,
  SupportedCommands,
} from './protocol/wire.js';
export type { AuthScheme } from './transport/auth.js';
export { type ConnectCameraOptions, createConnectCamera } from './transport/camera.js';
export { createFetchTransport, type FetchFunction } from './transport/fetch.js';
export type { HttpRequest, HttpResponse, HttpTransport } from './transport/http.js';
export {
  createRefreshTokenAuth,
  type RefreshTokenAuthOptions,
  type TokenSet,
} from './transport/refresh-token.js';
export type { CallOptions } from './transport/request.js';
export type { UploadFileOptions, UploadFileResult } from './transport/upload.js';
export { VERSION } from './version.js';
